// Package estimate works out what logging an API Gateway stage costs: the
// monthly log volume and its CloudWatch Logs or Firehose bill, for what is
// configured now and for each way to pass apigateway_stage_logging_enabled.
//
// Every constant of the model is here or beside the table it belongs to
// (access log variable sizes: accesslog.go; execution log events:
// execlog.go; prices: prices.go), each with where it comes from. The model
// and its sources are explained for users in docs/estimate.md.
package estimate

// BytesPerGB is the gigabyte AWS bills in: 2^30 bytes. AWS's billing
// glossary and the Firehose pricing page count a KB as 1,024 bytes ("the
// nearest 5KB (5120 bytes)"), and GB alike.
// Source: https://aws.amazon.com/firehose/pricing/ (retrieved 2026-11-29).
const BytesPerGB = 1 << 30

// DaysPerMonth is the average month, 365.25 / 12 days: it turns retention
// days into months and a metrics export's days into a month of traffic.
const DaysPerMonth = 365.25 / 12

// StorageHorizonMonths is how far storage is projected: the storage bill of
// the twelfth month after logging starts. A group that never expires then
// holds twelve months of logs (and keeps growing); one with a retention of
// R days holds min(R days, 12 months) of them.
const StorageHorizonMonths = 12

// EventMetadataBytes is what CloudWatch Logs adds to each stored event.
// The CloudWatch pricing page (Logs, Store (Archival)) says archived data
// includes 26 bytes of metadata per log event and is compressed with gzip
// level 6, and that storage is billed on the compressed data plus that
// metadata. The same 26 bytes per event count against PutLogEvents'
// 1,048,576-byte batch limit ("the sum of all event messages in UTF-8,
// plus 26 bytes for each log event"), but ingestion is billed on the event
// data (the IncomingBytes metric is "the volume of log events in
// uncompressed bytes"), so the model adds the 26 bytes to storage only.
// Verification: the PutLogEvents and metric texts were read; the pricing
// page's storage footnote could not be re-read from a stored copy on
// 2026-11-29 and is as AWS has published it (see docs/estimate.md).
// Sources: https://aws.amazon.com/cloudwatch/pricing/,
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CloudWatch-Logs-Monitoring-CloudWatch-Metrics.html
// (retrieved 2026-11-29).
const EventMetadataBytes = 26

// StorageCompression is the share of ingested bytes that stored (gzip
// level 6) log data takes: the factor the AWS Pricing Calculator applies to
// CloudWatch Logs storage (its estimate line reads "GB per month x 0.15
// Storage compression factor x ... Logs retention factor x price"). It is
// an input of AWS's calculator, not a measurement of these logs;
// structured access logs compress about this well.
// Source: AWS Pricing Calculator, Amazon CloudWatch, Logs
// (https://calculator.aws/#/addService/CloudWatch), its estimate as quoted
// in https://dev.classmethod.jp/articles/compare-archive-cost-cloudwatchlogs-s3/
// (retrieved 2026-11-29).
const StorageCompression = 0.15

// FirehoseRecordUnit is the unit Firehose rounds each record up to when it
// bills Direct PUT ingestion (API Gateway puts one record per request):
// "the nearest 5KB (5120 bytes)", a 3 KB record billed as 5 KB, a 42 KB one
// as 45 KB.
// Source: https://aws.amazon.com/firehose/pricing/ (retrieved 2026-11-29).
const FirehoseRecordUnit = 5120

// DefaultErrorRate is the share of requests that fail (4XX and 5XX) when
// no traffic source gives one: execution logging at ERROR writes only for
// them. 1% is an assumption, not a measurement; give the stage's own with
// --error-rate, .tfcomply.yml traffic or a metrics export.
const DefaultErrorRate = 0.01

// DefaultPayloadBytes is the request and response body size data trace
// logs when --payload-bytes is not given: a small JSON document. Bodies
// longer than an execution log event can hold are truncated
// (MaxExecutionEventBytes), so larger payloads add little.
const DefaultPayloadBytes = 1024

// PerMillion is the request count figures are given for when the traffic
// is not known: the cost per million requests.
const PerMillion = 1_000_000

variable "name" {
  type = string
}

variable "environment" {
  type = string
}

variable "access_logging" {
  type    = bool
  default = false
}

variable "log_retention_days" {
  type    = number
  default = 30
}

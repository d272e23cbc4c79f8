# A variable that may not be null, with a null default
variable "x" {
  type     = string
  nullable = false
  default  = null
}

access_logging = false

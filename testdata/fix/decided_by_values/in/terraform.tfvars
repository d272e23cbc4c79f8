log_level = "OFF"

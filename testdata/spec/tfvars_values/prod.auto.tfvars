level = "ERROR"

level = "ERROR"
stage = "name"

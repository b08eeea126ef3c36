print("tei-fixtures")

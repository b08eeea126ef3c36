print("tei")

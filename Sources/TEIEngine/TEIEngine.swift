// Module TEIEngine.

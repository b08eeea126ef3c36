// Module TEIRender.

// Module TEILanguage.

import TEILanguage

// Foundation declares an `Expression` type too; inside the engine the name means tei's.
typealias Expression = TEILanguage.Expression
typealias Binding = TEILanguage.Binding
typealias Statement = TEILanguage.Statement

/// What the repurposed accounts' profiles still say about their first owners, in the profile's
/// language (`OperationCast.repurposedLanguage`). Invented, like everything in the fixtures.
enum FormerLives {
    static func descriptions(_ language: String) -> [String] {
        switch language {
        case "tr": return ["Futbol ve kahve ☕", "Yemek tarifleri paylaşıyorum", "Kedimi seviyorum", "Öğrenci. Müzik."]
        default: return ["Amante del fútbol y del café ☕", "Recetas de la abuela", "Fotos de mi gato 🐈",
                         "Estudiante. Música. Viajes."]
        }
    }

    static func locations(_ language: String) -> [String] {
        switch language {
        case "tr": return ["", "Liman Kenti", "Deniz kıyısı"]
        default: return ["", "Valle Verde", "Puerto Alegre"]
        }
    }
}

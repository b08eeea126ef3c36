import XCTest
@testable import TEIRender

final class TerminalTextTests: XCTestCase {
    func testWidthOfScripts() {
        XCTAssertEqual(TerminalText.displayWidth(of: "abc"), 3)
        XCTAssertEqual(TerminalText.displayWidth(of: "Привет"), 6)
        XCTAssertEqual(TerminalText.displayWidth(of: "مرحبا"), 5)
        XCTAssertEqual(TerminalText.displayWidth(of: "中文字符"), 8)
        XCTAssertEqual(TerminalText.displayWidth(of: "ひらがなカタカナ"), 16)
        XCTAssertEqual(TerminalText.displayWidth(of: "한국어"), 6)
        XCTAssertEqual(TerminalText.displayWidth(of: "\u{1100}\u{1161}\u{11A8}"), 2, "conjoining jamo make one syllable")
        XCTAssertEqual(TerminalText.displayWidth(of: "ＡＢ"), 4, "fullwidth forms")
        XCTAssertEqual(TerminalText.displayWidth(of: "ｱｲ"), 2, "halfwidth katakana")
        XCTAssertEqual(TerminalText.displayWidth(of: "𠀋"), 2, "CJK extension B")
    }

    func testWidthOfEmoji() {
        XCTAssertEqual(TerminalText.displayWidth(of: "🙂"), 2)
        XCTAssertEqual(TerminalText.displayWidth(of: "👍🏽"), 2, "skin tone modifier")
        XCTAssertEqual(TerminalText.displayWidth(of: "👩‍👩‍👧"), 2, "ZWJ sequence")
        XCTAssertEqual(TerminalText.displayWidth(of: "🇺🇦"), 2, "flag")
        XCTAssertEqual(TerminalText.displayWidth(of: "❤️"), 2, "text symbol with VS16")
        XCTAssertEqual(TerminalText.displayWidth(of: "❤"), 1, "text symbol without VS16")
        XCTAssertEqual(TerminalText.displayWidth(of: "1️⃣"), 2, "keycap")
    }

    func testWidthOfMarksAndControls() {
        XCTAssertEqual(TerminalText.displayWidth(of: "e\u{301}"), 1, "combining acute")
        XCTAssertEqual(TerminalText.displayWidth(of: "\u{645}\u{64E}"), 1, "Arabic letter with fatha")
        XCTAssertEqual(TerminalText.displayWidth(of: "a\u{200B}b"), 2, "zero-width space")
        XCTAssertEqual(TerminalText.displayWidth(of: "a\u{200F}b"), 2, "right-to-left mark")
        XCTAssertEqual(TerminalText.displayWidth(of: "a\tb\u{1B}\r\n"), 2, "controls take no cell")
        XCTAssertEqual(TerminalText.displayWidth(of: ""), 0)
    }

    func testTruncateKeepsTextThatFits() {
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 5), "hello")
        XCTAssertEqual(TerminalText.truncate("中文", toWidth: 4), "中文")
    }

    func testTruncateCutsWithEllipsis() {
        XCTAssertEqual(TerminalText.truncate("hello world", toWidth: 5), "hell…")
        XCTAssertEqual(TerminalText.truncate("hello world", toWidth: 8, ellipsis: "..."), "hello...")
        XCTAssertEqual(TerminalText.truncate("中文字符", toWidth: 5), "中文…")
        XCTAssertEqual(TerminalText.truncate("中文字符", toWidth: 4), "中…", "a wide character never straddles the edge")
        XCTAssertEqual(TerminalText.truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2), "e\u{301}…", "marks stay with their base")
        XCTAssertEqual(TerminalText.truncate("👩‍👩‍👧👩‍👩‍👧", toWidth: 3), "👩‍👩‍👧…")
    }

    func testTruncateToTinyWidths() {
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 1), "…")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 0), "")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: -3), "")
        XCTAssertEqual(TerminalText.truncate("hello", toWidth: 2, ellipsis: "..."), "..")
    }

    func testPadUsesDisplayWidth() {
        XCTAssertEqual(TerminalText.pad("中", toWidth: 4), "中  ")
        XCTAssertEqual(TerminalText.pad("7", toWidth: 3, alignRight: true), "  7")
        XCTAssertEqual(TerminalText.pad("toolong", toWidth: 3), "toolong")
    }

    func testSingleLineShowsBreaksAndControls() {
        XCTAssertEqual(TerminalText.singleLine("a\nb\r\nc\rd", ascii: false), "a↵b↵c↵d")
        XCTAssertEqual(TerminalText.singleLine("a\nb\r\nc", ascii: true), "a\\nb\\nc")
        XCTAssertEqual(TerminalText.singleLine("a\tb", ascii: false), "a⇥b")
        XCTAssertEqual(TerminalText.singleLine("a\tb", ascii: true), "a\\tb")
        XCTAssertEqual(TerminalText.singleLine("\u{1B}[31mred", ascii: false), "␛[31mred")
        XCTAssertEqual(TerminalText.singleLine("\u{1B}[31mred\u{7F}", ascii: true), "\\x1B[31mred\\x7F")
        XCTAssertEqual(TerminalText.singleLine("\u{0}", ascii: true), "\\x00")
        XCTAssertEqual(TerminalText.singleLine("x\u{85}y\u{2028}z", ascii: false), "x\\u{85}y↵z")
        XCTAssertEqual(TerminalText.singleLine("Привет 🙂 مرحبا", ascii: true), "Привет 🙂 مرحبا", "data is never transliterated")
    }

    func testStyleWrapsOnlyWhenEnabled() {
        XCTAssertEqual(TerminalStyle.bold.apply(to: "id", enabled: true), "\u{1B}[1mid\u{1B}[0m")
        XCTAssertEqual(TerminalStyle.dim.apply(to: "id", enabled: false), "id")
        XCTAssertEqual(TerminalStyle.dim.apply(to: "", enabled: true), "")
    }
}

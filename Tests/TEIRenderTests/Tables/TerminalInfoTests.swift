import XCTest
@testable import TEIRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class TerminalInfoTests: XCTestCase {
    private let colorTerminal = ["TERM": "xterm-256color", "LANG": "en_US.UTF-8"]

    func testPipeIsPlainEightyByTwentyFourWithWholeTables() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd); close(writeEnd) }
        let info = TerminalInfo.detect(for: writeEnd, environment: colorTerminal)
        XCTAssertEqual(info, TerminalInfo(width: 80, height: 24, isTerminal: false, color: false, ascii: false, fitsTables: false))
        XCTAssertEqual(info, .plain)
        XCTAssertFalse(TerminalInfo.detect(for: writeEnd, environment: ["COLUMNS": "80"]).fitsTables,
                       "COLUMNS sizes charts; tables in a pipe stay whole")
    }

    func testColumnsAndLinesOverrideTheSize() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd); close(writeEnd) }
        let info = TerminalInfo.detect(for: writeEnd, environment: ["COLUMNS": "132", "LINES": " 50 "])
        XCTAssertEqual(info.width, 132)
        XCTAssertEqual(info.height, 50)
        let ignored = TerminalInfo.detect(for: writeEnd, environment: ["COLUMNS": "-4", "LINES": "many"])
        XCTAssertEqual(ignored.width, 80)
        XCTAssertEqual(ignored.height, 24)
    }

    func testPolicyAlwaysColorsAPipe() throws {
        let (readEnd, writeEnd) = try makePipe()
        defer { close(readEnd); close(writeEnd) }
        XCTAssertTrue(TerminalInfo.detect(for: writeEnd, environment: [:], colorPolicy: .always).color)
        XCTAssertFalse(TerminalInfo.detect(for: writeEnd, environment: colorTerminal, colorPolicy: .auto).color)
    }

    func testTerminalSizeComesFromTheKernel() throws {
        let (controller, device) = try openPseudoTerminal()
        defer { close(controller); close(device) }
        var size = winsize(ws_row: 33, ws_col: 101, ws_xpixel: 0, ws_ypixel: 0)
        #if canImport(Darwin)
        _ = ioctl(device, TIOCSWINSZ, &size)
        #else
        _ = ioctl(device, UInt(TIOCSWINSZ), &size)
        #endif
        let info = TerminalInfo.detect(for: device, environment: colorTerminal)
        XCTAssertEqual(info, TerminalInfo(width: 101, height: 33, isTerminal: true, color: true, ascii: false))
        XCTAssertEqual(TerminalInfo.detect(for: device, environment: ["COLUMNS": "60"]).width, 60)
    }

    func testAutoColorNeedsACapableTerminal() {
        func color(_ environment: [String: String], terminal: Bool = true) -> Bool {
            TerminalInfo.usesColor(policy: .auto, isTerminal: terminal, environment: environment)
        }
        XCTAssertTrue(color(["TERM": "xterm"]))
        XCTAssertFalse(color(["TERM": "xterm"], terminal: false))
        XCTAssertFalse(color(["TERM": "dumb"]))
        XCTAssertFalse(color([:]), "no TERM, no color")
        XCTAssertFalse(color(["TERM": "xterm", "NO_COLOR": "1"]))
        XCTAssertTrue(color(["TERM": "xterm", "NO_COLOR": ""]), "an empty NO_COLOR does not count (no-color.org)")
        XCTAssertFalse(TerminalInfo.usesColor(policy: .never, isTerminal: true, environment: ["TERM": "xterm"]))
        XCTAssertTrue(TerminalInfo.usesColor(policy: .always, isTerminal: false, environment: ["NO_COLOR": "1"]))
    }

    func testASCIIFollowsTheLocale() {
        XCTAssertFalse(TerminalInfo.localeIsASCII([:]))
        XCTAssertFalse(TerminalInfo.localeIsASCII(["LANG": "en_US.UTF-8"]))
        XCTAssertFalse(TerminalInfo.localeIsASCII(["LC_CTYPE": "C.utf8", "LANG": "C"]))
        XCTAssertTrue(TerminalInfo.localeIsASCII(["LANG": "C"]))
        XCTAssertTrue(TerminalInfo.localeIsASCII(["LC_ALL": "POSIX", "LANG": "en_US.UTF-8"]))
        XCTAssertTrue(TerminalInfo.localeIsASCII(["LANG": "de_DE.ISO-8859-1"]))
        XCTAssertFalse(TerminalInfo.localeIsASCII(["LC_ALL": "", "LANG": "ru_RU.UTF-8"]), "empty variables are skipped")
    }

    func testSizesAreNeverBelowOne() {
        let info = TerminalInfo(width: 0, height: -5)
        XCTAssertEqual(info.width, 1)
        XCTAssertEqual(info.height, 1)
    }

    private func makePipe() throws -> (Int32, Int32) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw XCTSkip("pipe() failed") }
        return (fds[0], fds[1])
    }

    /// A pseudo-terminal pair; skips the test where the system has none.
    private func openPseudoTerminal() throws -> (Int32, Int32) {
        // Glibc hides posix_openpt & co. from Swift (they need _XOPEN_SOURCE), so look them up.
        typealias OpenPT = @convention(c) (Int32) -> Int32
        typealias Grant = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let libc = dlopen(nil, RTLD_NOW),
              let openSymbol = dlsym(libc, "posix_openpt"), let grantSymbol = dlsym(libc, "grantpt"),
              let unlockSymbol = dlsym(libc, "unlockpt"), let nameSymbol = dlsym(libc, "ptsname")
        else { throw XCTSkip("no pseudo-terminal functions") }
        let controller = unsafeBitCast(openSymbol, to: OpenPT.self)(O_RDWR | O_NOCTTY)
        guard controller >= 0 else { throw XCTSkip("no pseudo-terminals here") }
        guard unsafeBitCast(grantSymbol, to: Grant.self)(controller) == 0,
              unsafeBitCast(unlockSymbol, to: Grant.self)(controller) == 0,
              let name = unsafeBitCast(nameSymbol, to: Name.self)(controller)
        else {
            close(controller)
            throw XCTSkip("cannot unlock a pseudo-terminal")
        }
        let device = open(name, O_RDWR | O_NOCTTY)
        guard device >= 0 else {
            close(controller)
            throw XCTSkip("cannot open \(String(cString: name))")
        }
        return (controller, device)
    }
}

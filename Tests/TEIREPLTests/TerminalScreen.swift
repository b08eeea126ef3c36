import Foundation
import XCTest

/// Runs the real `tei` binary in a pseudo-terminal (a private tmux server) and reads what its
/// screen shows, polling with a timeout rather than sleeping.
final class TerminalScreen {
    private let socket = "tei-repl-test-\(UUID().uuidString.prefix(8))"
    private let session = "repl"

    /// Starts `command` in `directory` with extra environment variables on a width × height screen.
    init(_ command: [String], environment: [String: String], directory: URL, width: Int = 110, height: Int = 30) throws {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let shellCommand = (["env"] + assignments + command).map(Self.shellQuoted).joined(separator: " ")
        try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "-c", directory.path, shellCommand])
        try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    deinit { try? tmux(["kill-server"]) }

    /// Whether tmux can be used here.
    static var isAvailable: Bool {
        (try? TerminalScreen.run(["tmux", "-V"])) != nil
    }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// Presses keys by tmux name: Enter, Tab, Up, C-c, C-d, C-r.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    /// The screen's text, including what scrolled off the top.
    func contents() throws -> String {
        try tmux(["capture-pane", "-p", "-J", "-t", session, "-S", "-500"])
    }

    /// Whether the program has exited.
    func hasExited() throws -> Bool {
        try tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Polls the screen until `condition` holds, failing the test after `timeout` seconds.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try contents()
            if condition(screen) { return screen }
            usleep(30_000)
        }
        XCTFail("timed out waiting for \(what); the screen shows:\n\(screen)", file: file, line: line)
        return screen
    }

    /// Waits until the screen shows `text` `count` times.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("'\(text)'\(count > 1 ? " ×\(count)" : "")", timeout: timeout, file: file, line: line) {
            $0.components(separatedBy: text).count - 1 >= count
        }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        // The command that starts the server must not hand it our pipe, or reading to its end would never finish.
        let startsServer = arguments.first == "new-session"
        return try Self.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, capturing: !startsServer)
    }

    @discardableResult
    private static func run(_ arguments: [String], capturing: Bool = true) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = capturing ? output : FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = capturing ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "tmux", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Finds the `tei` binary built beside the tests (same scratch path), or above this file.
enum TeiBinary {
    static func locate() -> URL? {
        if let path = ProcessInfo.processInfo.environment["TEI_BINARY"] { return URL(fileURLWithPath: path) }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tei")]
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("tei"))
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("tei"))
        }
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            candidates.append(directory.appendingPathComponent(".build/debug/tei"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

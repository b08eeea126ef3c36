import Foundation
import XCTest

/// Runs the real `tei` binary in a pseudo-terminal (a private tmux server) and reads what its
/// screen shows, polling with a timeout rather than sleeping.
///
/// Nothing here inherits the test process's terminal setup: `swift test` runs tests with no
/// terminal, sometimes no `TERM`, and possibly inside someone's tmux. The server gets its own
/// socket in a private folder, a fixed environment and no configuration file; every tmux
/// command is killed when it does not finish in time; `close()` kills the server.
final class TerminalScreen {
    /// Why a terminal test could not go on.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// How long one tmux command may take before it is killed.
    private static let commandTimeout: TimeInterval = 5

    private let folder: String
    private let socket: String
    private let session = "repl"
    private var serverProcess: pid_t?
    private var isClosed = false

    /// Starts `command` in `directory` with exactly `environment` (plus `TERM`) on a width × height screen.
    init(_ command: [String], environment: [String: String], directory: URL, width: Int = 110, height: Int = 30) throws {
        // A socket path must fit in 108 bytes, so the folder lives in /tmp rather than $TMPDIR.
        var template = Array("/tmp/tei-pty-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw Failure(description: "cannot create a folder for the tmux socket") }
        folder = String(cString: created)
        socket = folder + "/socket"
        var childEnvironment = environment
        childEnvironment["TERM"] = childEnvironment["TERM"] ?? "xterm-256color"
        let assignments = childEnvironment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // `env -i` so the program sees only what the test chose, not the test runner's variables.
        let shellCommand = (["exec", "env", "-i"] + assignments + command).map(Self.shellQuoted).joined(separator: " ")
        do {
            try tmux(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "-c", directory.path, shellCommand])
            serverProcess = pid_t(try tmux(["display-message", "-p", "-t", session, "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
            try tmux(["set-option", "-t", session, "remain-on-exit", "on"])
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Stops the tmux server and the program in it, and removes the socket's folder; safe to call twice.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        if (try? tmux(["kill-server"])) == nil, let serverProcess {
            // The server did not answer: stop it directly so nothing outlives the test.
            kill(serverProcess, SIGKILL)
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Whether tmux can be used here.
    static var isAvailable: Bool {
        (try? run(["tmux", "-V"], environment: clientEnvironment(home: "/tmp"))) != nil
    }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// Presses keys by tmux name: Enter, Tab, Up, C-c, C-d, C-r.
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", session] + keys) }

    /// The screen's text, including what scrolled off the top, with trailing spaces removed from
    /// each line: the line editor leaves blanks where it erased text, and a prompt's own space
    /// is there only until something is typed, so assertions are about the visible text.
    func contents() throws -> String {
        Self.visibleText(try tmux(["capture-pane", "-p", "-J", "-t", session, "-S", "-500"]))
    }

    /// The process id of the program (tmux runs it with `exec`).
    func programID() throws -> pid_t {
        try XCTUnwrap(pid_t(try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// The first child of the program (the command a wrapping shell runs), if it has one.
    func childOfProgram() throws -> pid_t? {
        let program = try programID()
        let children = try? String(contentsOfFile: "/proc/\(program)/task/\(program)/children", encoding: .utf8)
        return children?.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Whether the program has exited.
    func hasExited() throws -> Bool {
        try tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Polls the screen until `condition` holds; throws after `timeout` seconds, showing the screen.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = try contents()
            if condition(screen) { return screen }
            if Date() >= deadline { break }
            usleep(20_000)
        }
        let exited = (try? hasExited()) == true ? " (the program has exited)" : ""
        throw Failure(description: "timed out after \(timeout) s waiting for \(what)\(exited); the screen shows:\n\(screen)")
    }

    /// Waits until the screen shows `text` at least `count` times. Trailing spaces of `text`'s
    /// lines are ignored, as they are on the screen: `"tei [2]> "` waits for that prompt.
    @discardableResult
    func waitFor(_ text: String, count: Int = 1, timeout: TimeInterval = 10) throws -> String {
        let wanted = Self.visibleText(text)
        return try waitFor("'\(text)'\(count > 1 ? " ×\(count)" : "")", timeout: timeout) {
            $0.components(separatedBy: wanted).count - 1 >= count
        }
    }

    static func visibleText(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line[..<(line.lastIndex { $0 != " " }.map(line.index(after:)) ?? line.startIndex)] }
            .joined(separator: "\n")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["tmux", "-S", socket, "-f", "/dev/null", "-u"] + arguments, environment: Self.clientEnvironment(home: folder))
    }

    /// The environment of the tmux client, which the server started by `new-session` keeps: a
    /// UTF-8 locale so box-drawing characters survive, a known shell, and nothing that points
    /// at another tmux.
    private static func clientEnvironment(home: String) -> [String] {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return ["PATH=\(path)", "HOME=\(home)", "TERM=xterm-256color", "LANG=C.UTF-8", "SHELL=/bin/sh"]
    }

    /// Runs a command with its output going to a file (tmux's server inherits the descriptors of
    /// the command that starts it, so a pipe would never reach its end) and returns that output.
    /// The command is killed when it takes longer than `commandTimeout`.
    @discardableResult
    private static func run(_ arguments: [String], environment: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tei-tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner may ignore or block signals; children must not inherit that, or Ctrl-C
        // would never reach the program under test.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGPIPE, SIGHUP, SIGTERM, SIGCHLD, SIGTSTP] { sigaddset(&defaults, signal) }
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))")
        }
        let status = try waitForExit(of: pid, timeout: commandTimeout, describing: arguments)
        guard status == 0 else {
            throw Failure(description: "\(arguments.joined(separator: " ")) failed with status \(status)")
        }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// The wait status of `pid` once it exits; kills it and throws when it outlives `timeout`.
    private static func waitForExit(of pid: pid_t, timeout: TimeInterval, describing arguments: [String]) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result == -1, errno != EINTR {
                throw Failure(description: "cannot wait for \(arguments[0]): \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) == -1, errno == EINTR {}
                throw Failure(description: "\(arguments.joined(separator: " ")) did not finish within \(timeout) s")
            }
            usleep(1_000)
        }
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Finds the `tei` binary that the same build produced: `TEI_BINARY` when set, else beside the
/// test bundle (`swift build`/`swift test` put products and test bundles in one folder).
enum TeiBinary {
    static func locate() -> URL? {
        if let path = ProcessInfo.processInfo.environment["TEI_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("tei"))
        }
        // On Linux the test bundle is the running executable itself.
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tei"))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("tei"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

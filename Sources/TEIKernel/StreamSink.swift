import TEIREPL

/// The notebook's text (help, schemas, notes, meta-command errors) as `stream` messages on iopub.
final class StreamSink: TextSink {
    /// Publishes one message on iopub for the request being handled; nil drops the text (a silent execute).
    var publish: ((_ type: String, _ content: [String: Any]) -> Void)?
    /// Called before each line, so output held back (a cell's last table) goes out first.
    var beforeWrite: (() -> Void)?
    /// The last line written to stderr since `reset`: the reason a meta-command failed.
    private(set) var lastErrorLine: String?

    func writeLine(_ text: String, to stream: TextStream) {
        beforeWrite?()
        if stream == .error { lastErrorLine = text }
        publish?("stream", ["name": stream == .output ? "stdout" : "stderr", "text": text + "\n"])
    }

    func reset() { lastErrorLine = nil }
}

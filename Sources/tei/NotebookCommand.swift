import ArgumentParser
import Foundation
import TEILanguage
import TEIReport
import TEIStorage

/// `tei notebook LESSON.tei`: the script as a Jupyter notebook for the tei kernel.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Turns a script into a Jupyter notebook: comment blocks become Markdown cells, statements code cells.",
        discussion: "The notebook runs on the tei kernel (`tei kernel install`); keep it beside the script so its paths still work."
    )

    @ArgumentParser.Argument(help: "The script to convert.")
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The notebook to write (default: the script's name with .ipynb).", valueName: "file"))
    var output: String?

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Console.standardError("error: cannot read \(file): \(ScriptRunner.whyUnreadable(url.path))")
            throw ExitCode(1)
        }
        let text: String
        switch Source.decode(Array(data)) {
        case .success(let decoded): text = decoded
        case .failure(let invalid):
            Console.standardError("\(file):\(invalid.line):\(invalid.column): error: \(InvalidUTF8.message)")
            throw ExitCode(1)
        }
        // Beside the script, named as the user named the script.
        let target = output ?? (file.hasSuffix(".tei") ? String(file.dropLast(4)) : file) + ".ipynb"
        // A notebook the user did not name is never replaced: it may hold their outputs and edits.
        if output == nil, FileManager.default.fileExists(atPath: target) {
            Console.standardError("error: \(target) exists; name it with -o to replace it, or another file")
            throw ExitCode(1)
        }
        let notebook = ScriptNotebook(source: Source(name: file, text: text))
        do {
            try SafeFileWriter(destination: URL(fileURLWithPath: target), displayPath: target, protectedFiles: [url]).write(notebook.json())
        } catch let error as FileWriteError {
            Console.standardError("error: \(error.description)")
            throw ExitCode(1)
        }
        Console.standardError("wrote \(notebook.cells.count) cells to \(target)")
    }
}

import Foundation
import TEIStorage

/// The kernelspec that makes Jupyter list tei: `kernels/tei/kernel.json` and two logos, in a
/// Jupyter data folder.
public struct KernelSpec {
    /// The kernel's name in Jupyter (`jupyter kernelspec list`, a notebook's metadata).
    public static let name = "tei"

    /// Where the spec goes: the user's Jupyter data folder, or `share/jupyter` under a prefix.
    public enum Location: Equatable {
        case user
        case prefix(String)

        /// The `kernels` folder of this location; the user folder follows Jupyter's rules
        /// (`JUPYTER_DATA_DIR`, else `XDG_DATA_HOME/jupyter`, else `~/.local/share/jupyter`).
        func kernelsFolder(environment: [String: String]) -> URL {
            switch self {
            case .prefix(let path):
                return URL(fileURLWithPath: (path as NSString).expandingTildeInPath).appendingPathComponent("share/jupyter/kernels")
            case .user:
                if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty {
                    return URL(fileURLWithPath: data).appendingPathComponent("kernels")
                }
                if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
                    return URL(fileURLWithPath: xdg).appendingPathComponent("jupyter/kernels")
                }
                let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
                return URL(fileURLWithPath: home).appendingPathComponent(".local/share/jupyter/kernels")
            }
        }
    }

    /// The `tei` command the spec starts (`tei kernel --connection-file …`).
    public var teiExecutable: URL

    public init(teiExecutable: URL) {
        self.teiExecutable = teiExecutable
    }

    /// `kernel.json`: how Jupyter starts the kernel and interrupts it.
    public var kernelJSON: String {
        let spec: [String: Any] = [
            "argv": [teiExecutable.path, "kernel", "--connection-file", "{connection_file}"],
            "display_name": "tei",
            "language": "tei",
            // Interrupts come as `interrupt_request` messages on control; SIGINT works as well.
            "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: spec, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes the spec's files into `location`, each replacing the one an earlier install wrote;
    /// returns the spec's folder.
    @discardableResult
    public func install(at location: Location, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let folder = location.kernelsFolder(environment: environment).appendingPathComponent(Self.name)
        let files: [(name: String, bytes: [UInt8])] = [
            ("kernel.json", Array(kernelJSON.utf8)),
            ("logo-64x64.png", Array(Data(base64Encoded: KernelLogo.png64Base64) ?? Data())),
            ("logo-svg.svg", Array(KernelLogo.svg.utf8)),
        ]
        for file in files {
            let target = folder.appendingPathComponent(file.name)
            do {
                try SafeFileWriter(destination: target).write { sink in
                    try file.bytes.withUnsafeBytes { try sink.write($0) }
                }
            } catch let error as FileWriteError {
                throw KernelError.install(error.description)
            }
        }
        return folder
    }
}

/// The kernel's logo: three bars of a chart, as Jupyter's launcher shows it.
enum KernelLogo {
    /// A 64×64 PNG with the same drawing as `svg`.
    static let png64Base64 = """
        iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAYAAACqaXHeAAAAn0lEQVR42u3bsQmAMBQE0GziElYu44yu5gIKFoIIkgQhxv8CVyf36lwapjllZussWb3+VLgKJELxR4ho5W8IEctfEAAELX8iAAAAIGz5IwB6e/C6jEUBAAAAAAAAAAAAAABAe4DSAwAAAAAAAAAAAAAAAAAAAABoC/DGxQAAAAAAAAAAAAAAAAAA4EMAfosDAADAagyA4aTprPF0xPn8DsqcGNQSp0EYAAAAAElFTkSuQmCC
        """

    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
        <rect width="64" height="64" rx="10" fill="#1f3a5f"/>
        <rect x="10" y="40" width="12" height="14" fill="#f2b134"/>
        <rect x="27" y="24" width="12" height="30" fill="#ffffff"/>
        <rect x="44" y="12" width="12" height="42" fill="#f2b134"/>
        </svg>

        """
}

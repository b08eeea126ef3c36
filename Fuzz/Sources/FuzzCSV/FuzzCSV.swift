@testable import TEIStorage

/// Reads arbitrary bytes as a CSV file the way the importer does before SQLite: the byte-level
/// parser (fed in chunks whose size the first byte picks, so records cross chunk boundaries),
/// field cleaning, type inference and the decoders of typed and list fields. Syntax errors are
/// expected; a crash, trap or hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let chunkSize = 1 + Int(input.first ?? 0)
    let parser = CSVParser()
    var inference: [TypeInference] = []
    var cleaned: [UInt8] = []
    var lists = ListDecoder()
    func examine(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) {
        if column < inference.count { inference[column].observe(bytes) }
        _ = FieldDecoding.integer(bytes)
        _ = FieldDecoding.real(bytes)
        _ = FieldDecoding.bool(bytes)
        _ = FieldDecoding.date(bytes)
        _ = FieldDecoding.timestamp(bytes)
        _ = lists.decode(bytes)
    }
    let read = { (record: CSVRecord) in
        while inference.count < min(record.count, 64) { inference.append(TypeInference()) }
        for field in 0..<record.count {
            let raw = record.raw(field)
            if FieldCleaner.needsCleaning(raw, escaped: record.escaped[field]) {
                FieldCleaner.clean(raw, escaped: record.escaped[field], into: &cleaned)
                cleaned.withUnsafeBufferPointer { examine($0, column: field) }
            } else {
                examine(raw, column: field)
            }
            _ = record.string(field)
        }
    }
    do {
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + chunkSize)
            try parser.feed(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[offset..<end])), read)
            offset = end
        }
        try parser.finish(read)
    } catch is CSVSyntaxError {
    } catch {
        preconditionFailure("CSVParser threw \(error)")
    }
    _ = inference.map(\.type)
    return 0
}

/// libFuzzer's driver, entered from the executable's `main` (SwiftPM names it `FuzzCSV_main` and
/// links it as `main`, so libFuzzer's own `main` is not used).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzCSV_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return runFuzzerDriver(&argc, &argv) { data, size in
        guard let data else { return 0 }
        return fuzzCSV(data, size)
    }
}

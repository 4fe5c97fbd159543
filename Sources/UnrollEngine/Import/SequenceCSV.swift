import Foundation

/// A sequence from a CSV file: one row per timestep.
///
/// - Values are separated by commas, or by spaces/tabs on a line without commas (what
///   `numpy.savetxt` writes by default). Blank lines and lines starting with `#` are skipped,
///   and so is a first line with no number on it (a header such as `x1,x2`).
/// - Every value must be a finite number; indices (symbols, classes) must be whole numbers
///   (`3` or `3.0e+00`) in range.
/// - Errors name the file and line: `x.csv:4: 3 values; the model reads I = 2 per step`.
public enum SequenceCSV {
    /// One data row: its 1-based line number and its values.
    struct Row {
        var line: Int
        var values: [Double]
    }

    /// The rows of CSV text, each with at most `maxColumns` values, at most
    /// `EngineLimits.maxSteps` of them; `path` names the file in errors.
    /// `expectation` ends the message for a row with too many values ("the model reads I = 2 per step").
    static func rows(bytes: [UInt8], path: String, maxColumns: Int, expectation: String) throws -> [Row] {
        guard bytes.count <= ImportLimits.maxCSVBytes else {
            throw ImportError(file: path, "the file is \(bytes.count) bytes; unroll reads a sequence file of at most \(ImportLimits.maxCSVBytes) bytes")
        }
        guard String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes) else { throw ImportError(file: path, "not UTF-8 text") }
        var rows: [Row] = []
        var sawContent = false
        var lineNumber = 0
        let comma = UInt8(ascii: ",")
        for rawLine in lines(bytes) {
            lineNumber += 1
            var line = rawLine
            if lineNumber == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }   // a byte-order mark
            line = trimmed(line)
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            func fail(_ m: String) -> ImportError { ImportError(file: path, line: lineNumber, m) }
            let fields = line.contains(comma)
                ? line.split(separator: comma, omittingEmptySubsequences: false)
                : line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
            guard fields.count <= maxColumns else {
                throw fail("\(fields.count) values; \(expectation)")
            }
            var values: [Double] = []
            values.reserveCapacity(fields.count)
            var numbers = 0
            var bad: (Int, String)? = nil
            for (k, f) in fields.enumerated() {
                let s = String(decoding: trimmed(f), as: UTF8.self)
                if !s.isEmpty, let v = Double(s), v.isFinite {
                    values.append(v)
                    numbers += 1
                } else if bad == nil {
                    bad = (k + 1, s)
                }
            }
            if !sawContent && numbers == 0 {
                // A header line: no numbers at all, before any data.
                sawContent = true
                continue
            }
            sawContent = true
            if let (column, s) = bad {
                if s.isEmpty { throw fail("column \(column) is empty") }
                if let v = Double(s), !v.isFinite { throw fail("column \(column) holds \(ImportError.quoted(s)), not a finite number") }
                throw fail("column \(column) holds \(ImportError.quoted(s, limit: 40)), which is not a number")
            }
            guard rows.count < EngineLimits.maxSteps else {
                throw fail("more than \(EngineLimits.maxSteps) rows; unroll runs at most \(EngineLimits.maxSteps) steps")
            }
            rows.append(Row(line: lineNumber, values: values))
        }
        guard !rows.isEmpty else { throw ImportError(file: path, "no rows of numbers (a sequence needs at least one step)") }
        return rows
    }

    /// `bytes` without spaces and tabs at either end.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var b = bytes
        while let c = b.first, c == 0x20 || c == 0x09 { b = b.dropFirst() }
        while let c = b.last, c == 0x20 || c == 0x09 { b = b.dropLast() }
        return b
    }

    /// The lines of a text: ended by LF, CRLF or a lone CR (byte-wise, since Swift's String
    /// treats CRLF as one character).
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                out.append(bytes[start..<i])
                if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < bytes.count { out.append(bytes[start..<bytes.count]) }
        return out
    }

    /// A whole number in 0..<count, or an error naming what it is.
    static func index(_ row: Row, path: String, count: Int, what: String) throws -> Int {
        func fail(_ m: String) -> ImportError { ImportError(file: path, line: row.line, m) }
        guard row.values.count == 1 else {
            throw fail("\(row.values.count) values; each row holds one \(what) index")
        }
        let v = row.values[0]
        guard v == v.rounded() else { throw fail("\(v) is not a whole number (a \(what) index)") }
        guard v >= 0, v < Double(count) else { throw fail("\(what) \(v.formatted) is outside 0…\(count - 1)") }
        return Int(v)
    }

    /// The input sequence for a model: T rows of I numbers, or one symbol index per row for a
    /// model that embeds (or one-hot encodes) its inputs.
    public static func input(path: String, for cfg: ModelConfig) throws -> InputSequence {
        try input(bytes: readBoundedFile(path: path, limit: ImportLimits.maxCSVBytes, what: "a sequence file"), fileLabel: path, for: cfg)
    }

    /// `input(path:for:)` on CSV text already read; `fileLabel` names it in errors.
    public static func input(bytes: [UInt8], fileLabel path: String, for cfg: ModelConfig) throws -> InputSequence {
        switch cfg.inputEncoding {
        case .dense:
            let I = cfg.inputSize
            let rows = try rows(bytes: bytes, path: path, maxColumns: max(I, 1), expectation: "the model reads I = \(I) per step")
            for r in rows where r.values.count != I {
                throw ImportError(file: path, line: r.line, "\(r.values.count) value\(r.values.count == 1 ? "" : "s"); the model reads I = \(I) per step")
            }
            return .vectors(rows.map(\.values))
        case .embedding, .oneHot:
            let rows = try rows(bytes: bytes, path: path, maxColumns: 1,
                                expectation: "each row holds one symbol index (the model \(cfg.inputEncoding == .embedding ? "embeds" : "one-hot encodes") its inputs)")
            return .symbols(try rows.map { try index($0, path: path, count: cfg.inputSize, what: "symbol") })
        }
    }

    /// The targets for T steps: T rows of O numbers (mse) or one class index per row
    /// (cross-entropy). With `lossAt == .lastStep` a single row is the last step's target.
    public static func target(path: String, for cfg: ModelConfig, steps T: Int) throws -> TargetSequence {
        try target(bytes: readBoundedFile(path: path, limit: ImportLimits.maxCSVBytes, what: "a sequence file"), fileLabel: path, for: cfg, steps: T)
    }

    /// `target(path:for:steps:)` on CSV text already read; `fileLabel` names it in errors.
    public static func target(bytes: [UInt8], fileLabel path: String, for cfg: ModelConfig, steps T: Int) throws -> TargetSequence {
        let O = cfg.outputSize
        let rows: [Row]
        switch cfg.loss {
        case .mse:
            rows = try self.rows(bytes: bytes, path: path, maxColumns: max(O, 1), expectation: "the read-out has O = \(O)")
            for r in rows where r.values.count != O {
                let hint = r.values.count == 1 && O > 1 ? " (one class index per row needs the cross-entropy loss)" : ""
                throw ImportError(file: path, line: r.line, "\(r.values.count) value\(r.values.count == 1 ? "" : "s"); the read-out has O = \(O)\(hint)")
            }
        case .crossEntropy:
            rows = try self.rows(bytes: bytes, path: path, maxColumns: 1, expectation: "each row holds one class index (cross-entropy)")
        }
        let stretched: [Row]
        if rows.count == T {
            stretched = rows
        } else if rows.count == 1 && cfg.lossAt == .lastStep {
            stretched = Array(repeating: rows[0], count: T)
        } else {
            throw ImportError(file: path, "\(rows.count) row\(rows.count == 1 ? "" : "s") of targets for \(T) input steps (one per step\(cfg.lossAt == .lastStep ? ", or one for the last step" : ""))")
        }
        switch cfg.loss {
        case .mse: return .values(stretched.map(\.values))
        case .crossEntropy: return .classes(try stretched.map { try index($0, path: path, count: O, what: "class") })
        }
    }
}

private extension Double {
    /// 3 rather than 3.0 for whole numbers in messages.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

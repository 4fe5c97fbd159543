/// A lesson file decoded into lines, or the reason it can't be (empty, too large, invalid UTF-8).
struct SourceText {
    /// Largest lesson file accepted, in bytes.
    static let maximumSize = 1 << 20

    /// The file's lines without their line breaks (`\n` or `\r\n`); line n is `lines[n - 1]`.
    var lines: [String]

    /// Decodes bytes; problems come back as (line, message) pairs.
    static func decode(_ bytes: [UInt8]) -> Result<SourceText, DecodingProblem> {
        if bytes.count > maximumSize {
            return .failure(DecodingProblem(line: 0, message: "file is too large (\(bytes.count) bytes; limit \(maximumSize))"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failure(DecodingProblem(line: 1, message: "file is empty"))
        }
        if let bad = firstInvalidUTF8(body) {
            let line = 1 + body[body.startIndex..<bad.offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let hex = String(bad.byte, radix: 16, uppercase: true)
            let lineStart = body[body.startIndex..<bad.offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
            return .failure(DecodingProblem(line: line, message: "invalid UTF-8 (byte 0x\(hex) at byte \(bad.offset - lineStart + 1) of the line); save the file as UTF-8"))
        }
        var lines: [String] = []
        var start = body.startIndex
        for i in body.indices where body[i] == 0x0A {
            lines.append(line(body[start..<i]))
            start = i + 1
        }
        if start < body.endIndex { lines.append(line(body[start..<body.endIndex])) }
        return .success(SourceText(lines: lines))
    }

    private static func line(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// Offset and value of the first byte that breaks UTF-8 (overlong forms and surrogates included).
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> (offset: Int, byte: UInt8)? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return (i, b)
            }
            for k in 1..<length {
                let j = i + k
                guard j < bytes.endIndex else { return (i, b) }
                let c = bytes[j]
                let (lo, hi) = k == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
                guard c >= lo && c <= hi else { return (j, c) }
            }
            i += length
        }
        return nil
    }
}

/// Why a file could not be decoded.
struct DecodingProblem: Error {
    var line: Int
    var message: String
}

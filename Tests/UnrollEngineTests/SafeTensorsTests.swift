import Foundation
import Testing
import UnrollEngine

/// The safetensors reader on hand-made files: good ones read exactly, hostile ones get one line
/// naming the file and the problem.
struct SafeTensorsTests {
    /// A file from a header text and data bytes; `length` overrides the header length field.
    static func file(_ header: String, data: [UInt8] = [], length: UInt64? = nil) -> [UInt8] {
        let h = Array(header.utf8)
        let n = length ?? UInt64(h.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * UInt64($0))) } + h + data
    }

    static func f64(_ values: [Double]) -> [UInt8] {
        values.flatMap { v in (0..<8).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt64($0))) } }
    }

    static func error(_ bytes: [UInt8]) -> String {
        do {
            _ = try SafeTensorsFile.parse(bytes, fileLabel: "m.safetensors")
            return "loaded"
        } catch let e as ImportError {
            return e.description
        } catch {
            return "other error \(error)"
        }
    }

    @Test func readsAWellFormedFileWithMetadataAndPadding() throws {
        let header = #"{"__metadata__":{"format":"pt"},"b":{"dtype":"F64","shape":[2],"data_offsets":[48,64]},"a":{"dtype":"F64","shape":[2,3],"data_offsets":[0,48]}}     "#
        let f = try SafeTensorsFile.parse(Self.file(header, data: Self.f64([1, 2, 3, 4, 5, 6, -0.5, 1e-300])), fileLabel: "m")
        #expect(f.metadata == ["format": "pt"])
        #expect(f.tensors.map(\.name) == ["a", "b"])
        #expect(f["a"]?.shape == [2, 3] && f["a"]?.values == [1, 2, 3, 4, 5, 6])
        #expect(f["b"]?.values == [-0.5, 1e-300])
    }

    @Test func convertsF32F16AndBF16Exactly() throws {
        // F16: 1.0 = 0x3C00, −2.0 = 0xC000, 65504 = 0x7BFF, 2^-24 = 0x0001 (subnormal), +inf = 0x7C00, NaN = 0x7E00.
        let half: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x7E00, 0x3555]
        // BF16: 1.0 = 0x3F80, −3.0 = 0xC040, 1/3 ≈ 0x3EAB.
        let bf: [UInt16] = [0x3F80, 0xC040, 0x3EAB]
        // A float32 subnormal (−1e-40 rounds to 71362 · 2^-149), written by its bits: no literal warning.
        let f32: [Float] = [0.1, -Float.leastNonzeroMagnitude * 71362]
        var data: [UInt8] = half.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        data += bf.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        data += f32.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) } }
        let header = #"{"h":{"dtype":"F16","shape":[7],"data_offsets":[0,14]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[14,20]},"f":{"dtype":"F32","shape":[2],"data_offsets":[20,28]}}"#
        let f = try SafeTensorsFile.parse(Self.file(header, data: data), fileLabel: "m")
        let h = try #require(f["h"]).values
        #expect(Array(h[0..<5]) == [1, -2, 65504, 0x1p-24, .infinity])
        #expect(h[5].isNaN)
        #expect(h[6] == 0.333251953125, "0x3555 = 1365/4096")
        #expect(f["b"]?.values == [1, -3, Double(Float(bitPattern: 0x3EAB_0000))])
        #expect(f["f"]?.values == [Double(Float(0.1)), Double(f32[1])])
        #expect(f32[1].isSubnormal)
        #expect(f["h"]?.dtype == .F16 && f["b"]?.dtype == .BF16)
    }

    @Test func aHeaderOf640BytesIsNotMistakenForAPickle() throws {
        // 640 = 0x0280: the length field begins 0x80 0x02, as a pickle does.
        var header = #"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#
        header += String(repeating: " ", count: 640 - header.utf8.count)
        let f = try SafeTensorsFile.parse(Self.file(header, data: Self.f64([3])), fileLabel: "m")
        #expect(f["a"]?.values == [3])
    }

    @Test func scalarsAndEmptyTensorsTileTheData() throws {
        let header = #"{"s":{"dtype":"F64","shape":[],"data_offsets":[0,8]},"e":{"dtype":"F64","shape":[0,4],"data_offsets":[8,8]}}"#
        let f = try SafeTensorsFile.parse(Self.file(header, data: Self.f64([7])), fileLabel: "m")
        #expect(f["s"]?.values == [7] && f["e"]?.values == [])
    }

    /// (what, the file, words the one-line message must contain)
    static let hostile: [(String, [UInt8], String)] = {
        let ok = #"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}"#
        let data = f64([1, 2])
        return [
            ("empty", [], "too short"),
            ("torch.save zip", Array("PK\u{03}\u{04}archive/data.pkl".utf8), "torch.save"),
            ("torch.save pickle", [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8], "torch.save"),
            ("length past the end", file(ok, data: data, length: 10_000), "only"),
            ("huge length", file(ok, data: data, length: UInt64.max), "header length"),
            ("header over the limit", file(String(repeating: " ", count: 10), length: 2_000_000) + [UInt8](repeating: 32, count: 2_000_000), "header"),
            ("not JSON", file("{nope", data: data), "not valid JSON"),
            ("not an object", file("[1, 2]  ", data: data), "'{'"),
            ("invalid UTF-8", file("{\"a\u{00}\":1}", data: []).enumerated().map { $0.offset == 11 ? 0xFF : $0.element }, "UTF-8"),
            ("duplicate name", file(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#, data: data), "twice"),
            ("overlap", file(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"b":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#, data: data), "overlap"),
            ("hole", file(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[8,16]}}"#, data: data), "belong to no tensor"),
            ("trailing data", file(#"{"a":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}"#, data: data), "tensors end at byte 8"),
            ("range past the data", file(#"{"a":{"dtype":"F64","shape":[4],"data_offsets":[0,32]}}"#, data: data), "run past the end"),
            ("shape vs range", file(#"{"a":{"dtype":"F64","shape":[3],"data_offsets":[0,16]}}"#, data: data), "needs 24 bytes"),
            ("backwards range", file(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[16,0]}}"#, data: data), "end before"),
            ("10^12 values", file(#"{"a":{"dtype":"F64","shape":[1000000,1000000],"data_offsets":[0,16]}}"#, data: data), "1000000000000 values"),
            ("shape overflow", file(#"{"a":{"dtype":"F64","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}}"#, data: data), "overflows"),
            ("offset above 2^64", file(#"{"a":{"dtype":"F64","shape":[2],"data_offsets":[0,18446744073709551616]}}"#, data: data), "data_offsets"),
            ("negative size", file(#"{"a":{"dtype":"F64","shape":[-2],"data_offsets":[0,16]}}"#, data: data), "whole numbers"),
            ("fractional size", file(#"{"a":{"dtype":"F64","shape":[2.0],"data_offsets":[0,16]}}"#, data: data), "whole numbers"),
            ("unknown dtype", file(#"{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}"#, data: data), "unknown dtype"),
            ("integer dtype", file(#"{"a":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}"#, data: data), "I64"),
            ("missing key", file(#"{"a":{"dtype":"F64","shape":[2]}}"#, data: data), "data_offsets"),
            ("entry not an object", file(#"{"a":[1,2]}"#, data: data), "must be an object"),
            ("bad metadata", file(#"{"__metadata__":{"k":1},"a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}"#, data: data), "must be a string"),
            ("deep nesting", file("{\"a\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}", data: data), "nested"),
            ("name with a line break", file("{\"a\\nb\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", data: data), "a\\u{a}b"),
        ]
    }()

    @Test(arguments: 0..<hostile.count)
    func hostileFilesGetOneClearLine(index: Int) {
        let (what, bytes, mention) = Self.hostile[index]
        let message = Self.error(bytes)
        #expect(message.hasPrefix("m.safetensors: "), "\(what): \(message)")
        #expect(message.contains(mention), "\(what): \(message)")
        #expect(!message.contains("\n"), "\(what): one line")
    }

    @Test func refusesWhatIsNotARegularFileBeforeReadingIt() {
        for path in ["/dev/zero", FileManager.default.temporaryDirectory.path, "/nonexistent/model.safetensors"] {
            #expect(throws: ImportError.self) { try SafeTensorsFile.read(path: path) }
        }
    }

    @Test func writesWhatTheSafetensorsLibraryWrites() throws {
        let f = SafeTensorsFile(tensors: [SafeTensor(name: "w", shape: [2, 2], values: [1, 2, 3, 4]),
                                          SafeTensor(name: "b\"q", shape: [1], values: [-0.0])],
                                metadata: ["format": "pt"])
        let bytes = try f.encoded()
        var n = 0
        for k in 0..<8 { n |= Int(bytes[k]) << (8 * k) }
        #expect(n % 8 == 0, "the header is padded to 8 bytes")
        #expect(bytes.count == 8 + n + 40)
        let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
        #expect(header.hasPrefix(#"{"__metadata__":{"format":"pt"},"b\"q":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}"#))
        let back = try SafeTensorsFile.parse(bytes, fileLabel: "w")
        #expect(back == f)
        #expect(back["b\"q"]?.values[0].sign == .minus, "−0 kept bit for bit")
        #expect(throws: EngineError.self) { try SafeTensorsFile(tensors: [SafeTensor(name: "x", shape: [3], values: [1])]).encoded() }
    }
}

import Foundation

/// One tensor of a safetensors file, converted to Double.
public struct SafeTensor: Equatable, Sendable {
    public var name: String
    /// The dimensions as stored (row-major; [] for a scalar).
    public var shape: [Int]
    /// shape.product values in row-major order.
    public var values: [Double]
    /// The element type the file stored (the writer always stores F64).
    public var dtype: TensorDType

    public init(name: String, shape: [Int], values: [Double], dtype: TensorDType = .F64) {
        self.name = name
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    /// "[24, 6]", for messages.
    public var shapeText: String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}

/// A safetensors file (the format `safetensors.torch.save_file` writes):
///
///     bytes 0..<8        N, the header length, a little-endian u64
///     bytes 8..<8+N      a JSON object: name → {"dtype", "shape", "data_offsets": [begin, end]},
///                        and optionally "__metadata__": {string: string}; may end in spaces
///     bytes 8+N..<end    the data: each tensor's raw little-endian elements at [begin, end)
///
/// The file is hostile until proved otherwise. Before a tensor is decoded: N must fit the file;
/// the header must be UTF-8 JSON, an object, with no repeated names; every shape's element
/// count, and that count × the element size, are computed with overflow checks and held to
/// `ImportLimits`; every range must lie in the data, have exactly that many bytes, and the
/// ranges together must tile the data without overlaps or holes (as the safetensors library
/// itself requires). Anything else is one `ImportError` line naming the file and the problem.
public struct SafeTensorsFile: Equatable, Sendable {
    /// The tensors, sorted by name.
    public var tensors: [SafeTensor]
    /// The header's `__metadata__` (string → string).
    public var metadata: [String: String]

    public init(tensors: [SafeTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors.sorted { $0.name < $1.name }
        self.metadata = metadata
    }

    public subscript(name: String) -> SafeTensor? { tensors.first { $0.name == name } }

    /// Reads and checks a file. Refuses anything but a regular file, and files over
    /// `ImportLimits.maxModelFileBytes`, before reading them.
    public static func read(path: String) throws -> SafeTensorsFile {
        let bytes = try readBoundedFile(path: path, limit: ImportLimits.maxModelFileBytes, what: "a model file")
        return try parse(bytes, fileLabel: path)
    }

    /// Parses the bytes of a file; `fileLabel` names it in errors.
    public static func parse(_ bytes: [UInt8], fileLabel: String) throws -> SafeTensorsFile {
        func fail(_ m: String) -> ImportError { ImportError(file: fileLabel, m) }
        guard bytes.count >= 8 else {
            throw fail("not a safetensors file: \(bytes.count) bytes, too short for the 8-byte header length")
        }
        var n: UInt64 = 0
        for k in 0..<8 { n |= UInt64(bytes[k]) << (8 * UInt64(k)) }
        let available = bytes.count - 8
        // torch.save writes a zip archive (or, before PyTorch 1.6, a pickle), whose first bytes
        // read as an impossible header length: name the fix. (Only then: a real header may be
        // 640 bytes long, which begins 0x80 0x02 like a pickle.)
        if n > UInt64(min(available, ImportLimits.maxHeaderBytes)),
           bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x80, 0x02]) {
            throw fail("this is a torch.save file, not safetensors; save the weights with safetensors.torch.save_file(model.state_dict(), \"model.safetensors\")")
        }
        guard n <= UInt64(available) else {
            throw fail("the header length is \(n) bytes but only \(available) bytes follow it (truncated, or not a safetensors file)")
        }
        guard n <= UInt64(ImportLimits.maxHeaderBytes) else {
            throw fail("the header is \(n) bytes; unroll reads headers up to \(ImportLimits.maxHeaderBytes) bytes")
        }
        let headerLength = Int(n)
        guard headerLength >= 2 else { throw fail("the header is \(headerLength) bytes, too short for a JSON object") }
        let header = Array(bytes[8..<(8 + headerLength)])
        guard header[0] == UInt8(ascii: "{") else { throw fail("the header does not start with '{' (not a safetensors file?)") }
        guard String(decoding: header, as: UTF8.self).utf8.elementsEqual(header) else { throw fail("the header is not valid UTF-8") }
        let json: HeaderJSON
        do {
            json = try HeaderJSON.parse(header)
        } catch let e as HeaderJSONError {
            throw fail(e.sentence)
        }
        guard case .object(let entries) = json else { throw fail("the header must be a JSON object") }
        guard entries.count <= ImportLimits.maxTensors + 1 else {
            throw fail("the header lists \(entries.count) entries; unroll reads at most \(ImportLimits.maxTensors) tensors")
        }

        let dataStart = 8 + headerLength
        let dataLength = bytes.count - dataStart
        var metadata: [String: String] = [:]
        struct Entry { let name: String; let dtype: TensorDType; let shape: [Int]; let count: Int; let begin: Int; let end: Int }
        var list: [Entry] = []
        var totalValues = 0
        for entry in entries {
            let name = entry.key, value = entry.value
            if name == "__metadata__" {
                guard case .object(let pairs) = value else { throw fail("'__metadata__' must be an object of strings") }
                for pair in pairs {
                    let k = pair.key, v = pair.value
                    guard case .string(let s) = v else {
                        throw fail("'__metadata__' entry \(ImportError.quoted(k)) must be a string, not \(v.kind)")
                    }
                    metadata[k] = s
                }
                continue
            }
            let tensor = "tensor \(ImportError.quoted(name))"
            guard case .object(let fields) = value else { throw fail("\(tensor) must be an object, not \(value.kind)") }
            func field(_ key: String) throws -> HeaderJSON {
                guard let v = fields.first(where: { $0.key == key })?.value else { throw fail("\(tensor) has no '\(key)'") }
                return v
            }
            guard case .string(let dtypeName) = try field("dtype") else { throw fail("\(tensor): 'dtype' must be a string") }
            guard let dtype = TensorDType(rawValue: dtypeName) else {
                throw fail("\(tensor) has unknown dtype \(ImportError.quoted(dtypeName))")
            }
            guard case .array(let dims) = try field("shape") else { throw fail("\(tensor): 'shape' must be a list of sizes") }
            var shape: [Int] = []
            var count = 1
            for d in dims {
                guard let size = d.nonNegativeInt else {
                    throw fail("\(tensor): the shape must hold whole numbers ≥ 0 that fit in 64 bits")
                }
                shape.append(size)
                let (product, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow else { throw fail("\(tensor): the shape's element count overflows 64 bits") }
                count = product
            }
            // Values are counted against the budget before anything is sized by them.
            guard count <= ImportLimits.maxValues else {
                throw fail("\(tensor) has \(count) values (shape \(shapeText(shape))); unroll reads at most \(ImportLimits.maxValues)")
            }
            let (sum, sumOverflow) = totalValues.addingReportingOverflow(count)
            guard !sumOverflow, sum <= ImportLimits.maxValues else {
                throw fail("the tensors hold over \(ImportLimits.maxValues) values together; unroll reads at most that many")
            }
            totalValues = sum
            guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
                  let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt else {
                throw fail("\(tensor): 'data_offsets' must be two whole numbers [begin, end]")
            }
            guard begin <= end else { throw fail("\(tensor): data_offsets [\(begin), \(end)] end before they begin") }
            guard end <= dataLength else {
                throw fail("\(tensor): data_offsets [\(begin), \(end)] run past the end of the data (\(dataLength) bytes)")
            }
            let (bytesNeeded, bytesOverflow) = count.multipliedReportingOverflow(by: dtype.size)
            guard !bytesOverflow, bytesNeeded == end - begin else {
                throw fail("\(tensor): shape \(shapeText(shape)) of \(dtype.rawValue) needs \(bytesOverflow ? "over 2^63" : String(bytesNeeded)) bytes but data_offsets [\(begin), \(end)] hold \(end - begin)")
            }
            guard dtype.isReadable else {
                throw fail("\(tensor) holds \(dtype.rawValue) values; unroll reads F64, F32, F16 and BF16 tensors")
            }
            list.append(Entry(name: name, dtype: dtype, shape: shape, count: count, begin: begin, end: end))
        }

        // The ranges must tile the data exactly: sorted by offset, each begins where the last ended.
        let ordered = list.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var position = 0
        var previous: Entry? = nil
        for e in ordered {
            if e.begin < position, let p = previous {
                throw fail("tensors \(ImportError.quoted(p.name)) [\(p.begin), \(p.end)] and \(ImportError.quoted(e.name)) [\(e.begin), \(e.end)] overlap")
            }
            if e.begin > position {
                throw fail("bytes \(position)..<\(e.begin) of the data belong to no tensor")
            }
            position = e.end
            if e.end > e.begin || previous == nil { previous = e }
        }
        guard position == dataLength else {
            throw fail("the data holds \(dataLength) bytes but the tensors end at byte \(position)")
        }

        let tensors: [SafeTensor] = bytes.withUnsafeBytes { raw in
            list.map { e in
                SafeTensor(name: e.name, shape: e.shape, values: e.dtype.decode(raw, offset: dataStart + e.begin, count: e.count),
                           dtype: e.dtype)
            }
        }
        return SafeTensorsFile(tensors: tensors, metadata: metadata)
    }

    static func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
}

/// Reads a whole regular file after checking its size against `limit`: a directory, a FIFO, a
/// device (`/dev/zero` never ends) or an oversized file is refused before any reading.
func readBoundedFile(path: String, limit: Int, what: String) throws -> [UInt8] {
    func fail(_ m: String) -> ImportError { ImportError(file: path, m) }
    let attributes: [FileAttributeKey: Any]
    do {
        attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
        throw fail(FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
    }
    guard (attributes[.type] as? FileAttributeType) == .typeRegular else { throw fail("not a regular file") }
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    guard size <= limit else { throw fail("the file is \(size) bytes; unroll reads \(what) of at most \(limit) bytes") }
    // Read straight into the array (no second copy), at most limit + 1 bytes, so a file that
    // grew since it was measured is still caught.
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw fail("cannot read the file") }
    defer { close(fd) }
    let capacity = size + 1
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
        count = 0
        while count < capacity {
            let n = read(fd, buffer.baseAddress! + count, capacity - count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { failed = true; break }
            if n == 0 { break }
            count += n
        }
    }
    guard !failed else { throw fail("cannot read the file") }
    guard bytes.count <= size else { throw fail("the file grew while it was read; unroll reads \(what) of at most \(limit) bytes") }
    return bytes
}

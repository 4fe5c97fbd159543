import Foundation

extension SafeTensorsFile {
    /// The file's bytes: every tensor stored as F64, in name order, the header padded with
    /// spaces to a multiple of 8 bytes (as the safetensors library writes it), so
    /// `safetensors.torch.load_file` reads it and `parse` reads back exactly these values.
    public func encoded() throws -> [UInt8] {
        var names = Set<String>()
        var header = "{"
        var first = true
        if !metadata.isEmpty {
            first = false
            header += "\"__metadata__\":{"
            header += metadata.keys.sorted().map { JSONValue.quote($0) + ":" + JSONValue.quote(metadata[$0]!) }.joined(separator: ",")
            header += "}"
        }
        var offset = 0
        for t in tensors {
            guard t.name != "__metadata__", names.insert(t.name).inserted else {
                throw EngineError("cannot write tensor \(ImportError.quoted(t.name)): the name is taken")
            }
            var count = 1
            for d in t.shape {
                let (p, o) = count.multipliedReportingOverflow(by: d)
                guard d >= 0, !o else { throw EngineError("tensor \(ImportError.quoted(t.name)) has an invalid shape \(t.shapeText)") }
                count = p
            }
            guard count == t.values.count else {
                throw EngineError("tensor \(ImportError.quoted(t.name)) has \(t.values.count) values for shape \(t.shapeText)")
            }
            if !first { header += "," }
            first = false
            header += JSONValue.quote(t.name) + ":{\"dtype\":\"F64\",\"shape\":[" + t.shape.map(String.init).joined(separator: ",")
                + "],\"data_offsets\":[\(offset),\(offset + 8 * count)]}"
            offset += 8 * count
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + headerBytes.count + offset)
        let n = UInt64(headerBytes.count)
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(k)))) }
        out += headerBytes
        for t in tensors {
            for v in t.values {
                let bits = v.bitPattern
                for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(k)))) }
            }
        }
        return out
    }

    /// Writes the file to a temporary name beside `path`, then renames it into place, so a
    /// failed write never leaves half a model behind.
    public func write(to path: String) throws {
        let bytes = try encoded()
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(bytes).write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ImportError(file: path, "cannot write the file (\(error.localizedDescription))")
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw ImportError(file: path, "cannot write the file (\(reason))")
        }
    }
}

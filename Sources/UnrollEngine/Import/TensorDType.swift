/// The element types a safetensors header may name, with their sizes, and the conversion of
/// the floating-point ones to Double (every conversion is exact).
public enum TensorDType: String, CaseIterable, Sendable {
    case F64, F32, F16, BF16
    case I64, I32, I16, I8, U64, U32, U16, U8, BOOL
    case F8_E4M3, F8_E5M2

    /// Bytes per element, for checking a tensor's byte range against its shape.
    public var size: Int {
        switch self {
        case .F64, .I64, .U64: return 8
        case .F32, .I32, .U32: return 4
        case .F16, .BF16, .I16, .U16: return 2
        case .I8, .U8, .BOOL, .F8_E4M3, .F8_E5M2: return 1
        }
    }

    /// Whether unroll converts this type to Double (the types PyTorch trains in).
    public var isReadable: Bool { self == .F64 || self == .F32 || self == .F16 || self == .BF16 }

    /// Converts `count` little-endian elements starting at `offset` of `bytes` to Double.
    /// The caller has checked that the range lies inside `bytes` and that the type is readable.
    func decode(_ bytes: UnsafeRawBufferPointer, offset: Int, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        switch self {
        case .F64:
            for i in 0..<count {
                out[i] = Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8 * i, as: UInt64.self)))
            }
        case .F32:
            for i in 0..<count {
                out[i] = Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))))
            }
        case .F16:
            for i in 0..<count {
                out[i] = Self.half(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self)))
            }
        case .BF16:
            for i in 0..<count {
                out[i] = Self.bfloat16(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self)))
            }
        default:
            for i in 0..<count { out[i] = .nan }
        }
        return out
    }

    /// IEEE 754 binary16: sign s, 5-bit exponent e, 10-bit fraction f.
    ///
    ///     e = 0:       (−1)ˢ · f · 2⁻²⁴                 (zero and subnormals)
    ///     0 < e < 31:  (−1)ˢ · (1024 + f) · 2^(e − 25)  (= (1 + f/1024) · 2^(e − 15))
    ///     e = 31:      ±∞ when f = 0, NaN otherwise
    static func half(_ bits: UInt16) -> Double {
        let negative = bits & 0x8000 != 0
        let e = Int((bits >> 10) & 0x1F), f = Int(bits & 0x3FF)
        let magnitude: Double
        switch e {
        case 0: magnitude = Double(sign: .plus, exponent: -24, significand: Double(f))
        case 31: magnitude = f == 0 ? .infinity : .nan
        default: magnitude = Double(sign: .plus, exponent: e - 25, significand: Double(1024 + f))
        }
        return negative ? -magnitude : magnitude
    }

    /// bfloat16 is the top half of an IEEE 754 binary32: the same sign and exponent, 7 fraction bits.
    static func bfloat16(_ bits: UInt16) -> Double {
        Double(Float(bitPattern: UInt32(bits) << 16))
    }
}

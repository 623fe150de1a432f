import Foundation

/// A JSON string literal, shared by the SPARQL JSON results, kg's JSON Lines export and the store's
/// `json_each` arguments.
public enum JSONText {
    /// `s` quoted and escaped per RFC 8259 (also U+2028/U+2029, for JavaScript consumers).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += String(format: "\\u%04x", u.value)
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

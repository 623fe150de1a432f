/// Text from articles and stores shown on a terminal: control characters (C0 but tab, DEL, C1) are
/// written as visible escapes (`\u001B`), so a term or a sentence cannot move the cursor, recolour
/// the screen or retitle the window. Newlines become spaces (a table row stays one line).
public enum TerminalText {
    public static func safe(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            if u == "\n" || u == "\r" { out.unicodeScalars.append(" ") } else if isControl(u) {
                let hex = String(u.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        (u.value < 0x20 && u != "\t") || (0x7F...0x9F).contains(u.value)
    }
}

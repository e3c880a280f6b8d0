import Vapor

/// A piece of a page written in Swift: interpolated values are HTML-escaped unless they are
/// `HTML` themselves, so markup reads like a template and cannot let a customer's name or note
/// inject anything. Every page is written this way, inside one `Layout`.
///
/// Pages are Swift rather than templates for speed and for the compiler's checks: perf on the
/// workbench benchmark found Leaf's interpreter (resolving each `#( )`, comparing in `#if`,
/// encoding the context) at over 40% of the server's time on the queue page, and a misspelt
/// field or a missing value is a build error here, not an empty space on a page.
struct HTML: ExpressibleByStringInterpolation, Sendable {
    private(set) var text: String

    init(stringLiteral literal: String) { text = literal }

    /// Markup made by this server and known to be well-formed, such as the SVG charts
    /// (`LineChart`, `HeatMap`), which escape their own text; never text from outside.
    init(trusted markup: String) { text = markup }

    init(stringInterpolation: StringInterpolation) { text = stringInterpolation.text }

    static func += (page: inout HTML, piece: HTML) { page.text += piece.text }

    /// The pieces one after another: a `#for` loop.
    static func each<S: Sequence>(_ items: S, _ piece: (S.Element) -> HTML) -> HTML {
        var html: HTML = ""
        for item in items { html += piece(item) }
        return html
    }

    /// The response for a whole page.
    var view: View { View(data: ByteBuffer(string: text)) }

    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + interpolationCount * 24) }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text, escaped; nothing for nil.
        mutating func appendInterpolation(_ value: String?) {
            guard let value else { return }
            HTML.escape(value, into: &text)
        }

        mutating func appendInterpolation(_ value: Int) { text += String(value) }

        /// Markup made by another `HTML`, as is.
        mutating func appendInterpolation(_ html: HTML) { text += html.text }
    }

    /// Appends `value` with `& < > " '` escaped.
    static func escape(_ value: String, into text: inout String) {
        func isSpecial(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
        }
        // Most text has nothing to escape: a plain loop over the bytes (Swift's strings are
        // contiguous UTF-8) finds that out at a fraction of the generic search's cost.
        let special = value.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where isSpecial(byte) { return true }
            return false
        } ?? value.utf8.contains(where: isSpecial)
        guard special else {
            text += value
            return
        }
        for character in value.unicodeScalars {
            switch character {
            case "&": text += "&amp;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "\"": text += "&quot;"
            case "'": text += "&#39;"
            default: text.unicodeScalars.append(character)
            }
        }
    }
}

import Foundation

/// Text and numbers written into the server's SVG charts: every piece of text escaped, every
/// coordinate with one decimal, so a chart is plain markup a page can embed without JavaScript.
enum SVG {
    static func escape(_ text: String) -> String {
        var out = ""
        HTML.escape(text, into: &out)
        return out
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The opening tag of a chart of `width` × `height` with an accessible name.
    static func open(id: String, width: Double, height: Double, title: String) -> String {
        "<svg id=\"\(escape(id))\" class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(escape(title))\" xmlns=\"http://www.w3.org/2000/svg\"><title>\(escape(title))</title>"
    }

    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", className: String = "label") -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" class=\"\(className)\">\(escape(content))</text>"
    }
}

import Foundation
import XCTest

/// A page as headless Chromium lays it out, with the real stylesheet (`Public/css/arrears.css`):
/// what a person would see at a window's width, or on paper. Skips the test when Chromium is not
/// installed, unless `ARREARS_REQUIRE_BROWSER=1`.
struct ChromiumLayout {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let chromium: String
    let directory: URL

    init() throws {
        guard let chromium = Self.candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            if ProcessInfo.processInfo.environment["ARREARS_REQUIRE_BROWSER"] == "1" { XCTFail("chromium is required but not installed") }
            throw XCTSkip("chromium is not installed")
        }
        self.chromium = chromium
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-layout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Writes `html` beside the stylesheet (its print rules applied on screen when `asPrinted`,
    /// and the body as wide as `bodyWidth` when given) with `script` run on load; returns what
    /// the script returned (a string), read from the DOM Chromium dumps.
    func measure(_ html: String, windowWidth: Int, asPrinted: Bool = false, bodyWidth: Int? = nil, script: String) throws -> String {
        var css = try String(contentsOf: Self.packageRoot.appendingPathComponent("Public/css/arrears.css"), encoding: .utf8)
        if asPrinted { css = css.replacingOccurrences(of: "@media print {", with: "@media all {") }
        if let bodyWidth { css += "\nbody { width: \(bodyWidth)px; margin: 0; }\n" }
        try css.write(to: directory.appendingPathComponent("arrears.css"), atomically: true, encoding: .utf8)
        let page = html.replacingOccurrences(of: "href=\"/css/arrears.css\"", with: "href=\"arrears.css\"")
            .replacingOccurrences(of: "</body>", with: "<script>window.addEventListener('load', function () { document.body.setAttribute('data-measured', (function () { \(script) })()); });</script></body>")
        let file = directory.appendingPathComponent("page.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let dom = try run(["--window-size=\(windowWidth),900", "--virtual-time-budget=3000", "--dump-dom", file.absoluteString])
        guard let start = dom.range(of: "data-measured=\"") else { return "" }
        return String(dom[start.upperBound...].prefix { $0 != "\"" })
    }

    /// `html` printed to PDF with the real stylesheet; the PDF's bytes as text (page boxes are readable).
    func printed(_ html: String) throws -> String {
        let css = try String(contentsOf: Self.packageRoot.appendingPathComponent("Public/css/arrears.css"), encoding: .utf8)
        try css.write(to: directory.appendingPathComponent("arrears.css"), atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("print.html"), pdf = directory.appendingPathComponent("print.pdf")
        try html.replacingOccurrences(of: "href=\"/css/arrears.css\"", with: "href=\"arrears.css\"").write(to: file, atomically: true, encoding: .utf8)
        _ = try run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path, file.absoluteString])
        return String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
    }

    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + directory.appendingPathComponent("profile").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

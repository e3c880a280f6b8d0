import Foundation

/// Small real files for upload tests: a 1×1 PNG, a JPEG's header and end, a one-page PDF, and
/// a text file pretending to be a photo.
public enum SampleFiles {
    public static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=") ?? Data()
    /// SOI, a JFIF APP0 segment, some bytes, EOI.
    public static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]) + Data("JFIF".utf8) + Data([0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
        + Data("door of the customer's flat".utf8) + Data([0xFF, 0xD9])
    public static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    public static let script = Data("#!/bin/sh\necho not a photo\n".utf8)

    /// A JPEG of `bytes` bytes: the header, then filler.
    public static func jpeg(bytes: Int) -> Data {
        jpeg + Data(repeating: 0x20, count: max(0, bytes - jpeg.count))
    }
}

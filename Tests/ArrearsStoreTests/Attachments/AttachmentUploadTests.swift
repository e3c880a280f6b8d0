import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// The gate every upload passes: type by content, size, name.
final class AttachmentUploadTests: XCTestCase {
    func upload(_ bytes: Data, name: String = "door.jpg", declared: String? = nil) -> AttachmentUpload {
        AttachmentUpload(field: "photos[]", fileName: name, declaredType: declared, bytes: bytes)
    }

    func testFilesAreKnownByTheirFirstBytes() throws {
        XCTAssertEqual(AttachmentType.sniff(SampleFiles.png), .png)
        XCTAssertEqual(AttachmentType.sniff(SampleFiles.jpeg), .jpeg)
        XCTAssertEqual(AttachmentType.sniff(SampleFiles.pdf), .pdf)
        XCTAssertNil(AttachmentType.sniff(SampleFiles.script))
        let checked = try upload(SampleFiles.png, name: "door.png", declared: "image/png").checked(allowing: AttachmentType.photos)
        XCTAssertEqual(checked.type, .png)
        XCTAssertEqual(checked.sha256.count, 64)
        XCTAssertEqual(try upload(SampleFiles.jpeg, declared: "image/jpg").checked(allowing: AttachmentType.photos).type, .jpeg, "a phone's image/jpg")
    }

    func testAScriptNamedLikeAPhotoIsRefusedNamingTheField() {
        XCTAssertThrowsError(try upload(SampleFiles.script, declared: "image/jpeg").checked(allowing: AttachmentType.photos)) { error in
            guard case .unsupportedType(let field, _) = error as? AttachmentError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "photos[]")
        }
        XCTAssertThrowsError(try upload(SampleFiles.pdf, name: "paper.pdf").checked(allowing: AttachmentType.photos), "a PDF is not a photo")
        XCTAssertThrowsError(try upload(SampleFiles.png, declared: "image/jpeg").checked(allowing: AttachmentType.photos), "declared as what it is not")
        XCTAssertNoThrow(try upload(SampleFiles.pdf, name: "judgment.pdf", declared: "application/octet-stream").checked(allowing: AttachmentType.documents))
    }

    func testSizeAndNameAreChecked() {
        XCTAssertNoThrow(try upload(SampleFiles.jpeg(bytes: AttachmentUpload.maximumBytes)).checked(allowing: AttachmentType.photos))
        XCTAssertThrowsError(try upload(SampleFiles.jpeg(bytes: AttachmentUpload.maximumBytes + 1)).checked(allowing: AttachmentType.photos)) { error in
            XCTAssertEqual(error as? AttachmentError, .tooLarge(field: "photos[]", maximumBytes: AttachmentUpload.maximumBytes))
        }
        XCTAssertThrowsError(try upload(Data()).checked(allowing: AttachmentType.photos)) { XCTAssertEqual(($0 as? AttachmentError)?.field, "photos[]") }
        for name in ["", "../etc/passwd", "a\\b.jpg", "line\nbreak.jpg", String(repeating: "x", count: 129)] {
            XCTAssertThrowsError(try upload(SampleFiles.jpeg, name: name).checked(allowing: AttachmentType.photos), name)
        }
        XCTAssertEqual(try upload(SampleFiles.jpeg, name: "门口.jpg").checked(allowing: AttachmentType.photos).upload.fileName, "门口.jpg")
    }
}

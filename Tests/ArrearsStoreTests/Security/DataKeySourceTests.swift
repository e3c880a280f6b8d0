import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

final class DataKeySourceTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try TestDatabases.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func sealed(_ key: DataKey) -> String { FieldCipher(key: key).seal("13800138000") }

    private func writeKeyFile(_ key: DataKey) throws -> String {
        let path = directory.appendingPathComponent("given.key").path
        try (key.base64 + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testKeyInTheEnvironmentComesFirst() throws {
        let key = DataKey.generate()
        let file = try writeKeyFile(DataKey.generate())
        let source = try DataKeySource.resolve(environment: ["ARREARS_DATA_KEY": key.base64, "ARREARS_DATA_KEY_FILE": file, "XDG_CONFIG_HOME": directory.path])
        XCTAssertEqual(sealed(source.key), sealed(key))
        XCTAssertNil(source.notice)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("arrears/data.key").path), "no default file is made")
    }

    func testKeyFileNamedInTheEnvironmentComesNext() throws {
        let key = DataKey.generate()
        let source = try DataKeySource.resolve(environment: ["ARREARS_DATA_KEY_FILE": try writeKeyFile(key), "XDG_CONFIG_HOME": directory.path])
        XCTAssertEqual(sealed(source.key), sealed(key))
        XCTAssertNil(source.notice)
    }

    func testDefaultKeyFileIsMadeOncePrivateAndAnnounced() throws {
        let environment = ["XDG_CONFIG_HOME": directory.path, "HOME": "/nonexistent"]
        let first = try DataKeySource.resolve(environment: environment)
        let path = directory.appendingPathComponent("arrears/data.key").path
        XCTAssertEqual(first.createdFile, path)
        let notice = try XCTUnwrap(first.notice)
        XCTAssertTrue(notice.contains(path) && notice.contains("ARREARS_DATA_KEY") && notice.contains("backups"), notice)
        XCTAssertFalse(notice.contains("\n"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        XCTAssertEqual(permissions, 0o600)

        let second = try DataKeySource.resolve(environment: environment)
        XCTAssertNil(second.notice, "the file made before is used, quietly")
        XCTAssertEqual(sealed(second.key), sealed(first.key))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("arrears").path), ["data.key"])
    }

    func testDefaultKeyFileIsUnderHomeWithoutXDGConfigHome() {
        XCTAssertEqual(DataKeySource.defaultFile(environment: ["HOME": "/home/wang"]), "/home/wang/.config/arrears/data.key")
        XCTAssertEqual(DataKeySource.defaultFile(environment: ["HOME": "/home/wang", "XDG_CONFIG_HOME": "/etc/xdg-wang"]), "/etc/xdg-wang/arrears/data.key")
    }

    func testMalformedKeyIsRefusedNamingItsSource() throws {
        XCTAssertThrowsError(try DataKeySource.resolve(environment: ["ARREARS_DATA_KEY": "c2hvcnQ=", "XDG_CONFIG_HOME": directory.path])) { error in
            XCTAssertEqual("\(error)", "ARREARS_DATA_KEY must hold 32 bytes in base64 (make one with: openssl rand -base64 32)")
        }
        let file = directory.appendingPathComponent("bad.key").path
        try "not a key".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try DataKeySource.resolve(environment: ["ARREARS_DATA_KEY_FILE": file])) { error in
            XCTAssertEqual("\(error)", "the data key file \(file) must hold 32 bytes in base64 (make one with: openssl rand -base64 32)")
        }
    }

    func testMissingKeyFileIsAnErrorNotANewKey() {
        let file = directory.appendingPathComponent("missing.key").path
        XCTAssertThrowsError(try DataKeySource.resolve(environment: ["ARREARS_DATA_KEY_FILE": file])) { error in
            XCTAssertTrue("\(error)".hasPrefix("the data key file \(file) cannot be read"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
    }
}

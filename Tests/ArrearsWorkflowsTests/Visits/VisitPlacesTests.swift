import ArrearsCore
import ArrearsWorkflows
import XCTest

/// `config/regions.yaml` read through `ConfigFields`: what is wrong is named with its line.
final class VisitPlacesTests: XCTestCase {
    private func refusal(_ text: String) -> ConfigError? {
        do { _ = try VisitPlaces.parse(text, file: "regions.yaml"); return nil } catch { return error as? ConfigError }
    }

    func testCentroidsAndStartPointsAreRead() throws {
        let places = try VisitPlaces.parse("""
            centroids:
              上海: { latitude: 31.2304, longitude: 121.4737 }
            start_points:
              f-shanghai: { latitude: 31.2397, longitude: 121.4998 }
            """, file: "regions.yaml")
        XCTAssertEqual(places.centroids["上海"], GeoPoint(latitude: 31.2304, longitude: 121.4737))
        XCTAssertEqual(places.startPoints["f-shanghai"], GeoPoint(latitude: 31.2397, longitude: 121.4998))
    }

    func testAMistakeIsNamedAtItsLine() {
        let unknownSection = refusal("centroids: {}\nstarts: {}\n")
        XCTAssertEqual(unknownSection?.line, 2)
        XCTAssertTrue(unknownSection?.message.contains("unknown key 'starts'") ?? false, "\(String(describing: unknownSection))")
        let outOfRange = refusal("centroids:\n  上海: { latitude: 95, longitude: 121.4 }\n")
        XCTAssertEqual(outOfRange?.line, 2)
        XCTAssertTrue(outOfRange?.message.contains("centroids.上海") ?? false, "\(String(describing: outOfRange))")
        let missing = refusal("start_points:\n  f-shanghai: { latitude: 31.2 }\n")
        XCTAssertTrue(missing?.message.contains("longitude is required") ?? false, "\(String(describing: missing))")
        let typo = refusal("centroids:\n  上海: { latitude: 31.2, longitude: 121.4, altitude: 4 }\n")
        XCTAssertTrue(typo?.message.contains("unknown key 'altitude'") ?? false, "\(String(describing: typo))")
        let text = refusal("centroids:\n  上海: { latitude: north, longitude: 121.4 }\n")
        XCTAssertTrue(text?.message.contains("latitude must be a number") ?? false, "\(String(describing: text))")
    }
}

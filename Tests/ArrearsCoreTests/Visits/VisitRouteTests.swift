import ArrearsCore
import XCTest

final class VisitRouteTests: XCTestCase {
    struct Stop: Equatable {
        let name: String
        let point: GeoPoint?
    }

    // Four stops on the equator, 1° of longitude (about 111 km) apart, listed out of order.
    let stops = [
        Stop(name: "far", point: GeoPoint(latitude: 0, longitude: 3)),
        Stop(name: "near", point: GeoPoint(latitude: 0, longitude: 1)),
        Stop(name: "unknown", point: nil),
        Stop(name: "middle", point: GeoPoint(latitude: 0, longitude: 2)),
    ]

    func testADayRunsNearestFirstFromTheTeamsStartPoint() {
        let route = VisitRoute.order(stops, from: GeoPoint(latitude: 0, longitude: 0), location: \.point)
        XCTAssertEqual(route.map(\.name), ["near", "middle", "far", "unknown"])
    }

    func testWithoutAStartPointTheDayStartsAtTheFirstVisit() {
        let route = VisitRoute.order(stops, from: nil, location: \.point)
        XCTAssertEqual(route.map(\.name), ["far", "middle", "near", "unknown"])
    }

    func testTheRouteFollowsTheEarthNotTheMapGrid() {
        // From 179°E, 179°W (2° away across the date line) is nearer than 175°E (4° away).
        let route = VisitRoute.order([Stop(name: "west", point: GeoPoint(latitude: 0, longitude: 175)),
                                      Stop(name: "across", point: GeoPoint(latitude: 0, longitude: -179))],
                                     from: GeoPoint(latitude: 0, longitude: 179), location: \.point)
        XCTAssertEqual(route.map(\.name), ["across", "west"])
    }

    func testDistanceIsGreatCircleKilometres() {
        let shanghai = GeoPoint(latitude: 31.2304, longitude: 121.4737), beijing = GeoPoint(latitude: 39.9042, longitude: 116.4074)
        XCTAssertEqual(shanghai.distance(to: beijing), 1_067, accuracy: 10)
    }
}

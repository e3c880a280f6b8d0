import Foundation

/// A place on the earth in decimal degrees (WGS 84): latitude -90...90, longitude -180...180.
public struct GeoPoint: Sendable, Equatable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Whether both degrees are in range.
    public var isValid: Bool { (-90...90).contains(latitude) && (-180...180).contains(longitude) }

    /// The great-circle distance to `other` in kilometres (haversine on a sphere of the earth's
    /// mean radius, 6,371 km: within 0.5 % of the ellipsoid, plenty to order a day's visits).
    public func distance(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (other.latitude - latitude) * radians, dLon = (other.longitude - longitude) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(latitude * radians) * cos(other.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371 * asin(min(1, sqrt(a)))
    }
}

/// The order a field team drives its day's visits in (seed 000, 外派上门催收: visits are costly,
/// so the route should not zig-zag): nearest neighbour by great-circle distance, starting at the
/// team's start point, or at the first stop when the team has none. Stops without coordinates
/// follow in their given order. O(n²), for a day's handful of stops.
public enum VisitRoute {
    public static func order<Stop>(_ stops: [Stop], from start: GeoPoint?, location: (Stop) -> GeoPoint?) -> [Stop] {
        var placed = stops.filter { location($0) != nil }
        let unplaced = stops.filter { location($0) == nil }
        var ordered: [Stop] = []
        var here = start
        if here == nil, !placed.isEmpty {
            let first = placed.removeFirst()
            ordered.append(first)
            here = location(first)
        }
        while let current = here, !placed.isEmpty {
            let nearest = placed.indices.min { current.distance(to: location(placed[$0])!) < current.distance(to: location(placed[$1])!) }!
            let next = placed.remove(at: nearest)
            ordered.append(next)
            here = location(next)
        }
        return ordered + unplaced
    }
}

import Foundation

// Map coordinates for `MapNode.position`: places with a latitude and longitude are projected with a
// plain equirectangular projection (x = longitude × cos(mean latitude), y = latitude), scaled so the
// drawing has a readable size and neighbouring places do not sit on top of each other. Pure and
// deterministic: the same coordinates always give the same points.

/// Projects latitude/longitude to points for pinned map nodes.
public enum GeoProjection {
    /// Largest side of the projected drawing, in points, when places are not crowded.
    public static let targetExtent = 900.0
    /// Wanted distance between the two closest places, in points (the scale grows up to `maxExtent` for it).
    public static let minSeparation = 70.0
    /// Largest side the drawing may grow to so that close places separate.
    public static let maxExtent = 2400.0

    /// Points for `coordinates` (degrees), in the same order. x grows eastwards, y northwards
    /// (Graphviz's y grows upwards), the south-west corner is at (0, 0).
    public static func project(_ coordinates: [(lat: Double, lon: Double)]) -> [(x: Double, y: Double)] {
        let valid = coordinates.filter { $0.lat.isFinite && $0.lon.isFinite }
        guard !valid.isEmpty else { return coordinates.map { _ in (0, 0) } }
        let meanLat = valid.map(\.lat).reduce(0, +) / Double(valid.count)
        let k = max(0.1, cos(meanLat * .pi / 180))
        let raw = coordinates.map { c -> (x: Double, y: Double) in
            c.lat.isFinite && c.lon.isFinite ? (c.lon * k, c.lat) : (.nan, .nan)
        }
        let xs = raw.map(\.x).filter(\.isFinite), ys = raw.map(\.y).filter(\.isFinite)
        let (minX, minY) = (xs.min()!, ys.min()!)
        let extent = max(xs.max()! - minX, ys.max()! - minY)
        var scale = extent > 0 ? targetExtent / extent : 1
        // Closest distinct pair (places are few; quadratic is fine up to a few thousand).
        var closest = Double.infinity
        let pts = raw.filter { $0.x.isFinite }
        for i in pts.indices {
            for j in pts.indices where j > i {
                let d = hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y)
                if d > 0 && d < closest { closest = d }
            }
        }
        if closest.isFinite, closest * scale < minSeparation, extent > 0 {
            scale = min(minSeparation / closest, maxExtent / extent)
        }
        return raw.map { p in p.x.isFinite ? ((p.x - minX) * scale, (p.y - minY) * scale) : (0, 0) }
    }

    /// A point beside `anchor` for the `index`-th node attached to it: on a ring of `radius`
    /// points, starting below-right and going round, one step further out every 6 nodes.
    public static func beside(_ anchor: (x: Double, y: Double), index: Int, radius: Double = 42) -> (x: Double, y: Double) {
        let ring = Double(index / 6), slot = Double(index % 6)
        let angle = (-30.0 + slot * 60.0 + ring * 30.0) * .pi / 180
        let r = radius + ring * 26
        return (anchor.x + r * cos(angle), anchor.y + r * sin(angle) * 0.7)
    }
}

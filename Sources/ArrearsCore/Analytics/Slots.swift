import Foundation

/// Results filled in by concurrent work, one slot per task, read when all are done.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    /// Every slot's value; each must have been set.
    var values: [Value] { lock.withLock { slots.map { $0! } } }
}

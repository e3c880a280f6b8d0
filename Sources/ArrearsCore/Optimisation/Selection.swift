/// The k-th largest of a list in linear expected time (Hoare's quickselect with a
/// median-of-three pivot), for the allocator's prices: sorting a million bids on every
/// coordinate step would cost more than the rest of the allocation.
enum Selection {
    /// The `k`-th largest value (1 is the largest) of `values`, which it reorders; 0 when there
    /// are fewer than `k` values or `k` is below 1.
    static func largest(_ k: Int, in values: inout [Int64]) -> Int64 {
        guard k >= 1, k <= values.count else { return 0 }
        let target = k - 1
        var low = 0, high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            let pivot = medianOfThree(values[low], values[middle], values[high])
            var left = low, right = high
            // Descending partition: values above the pivot to the left.
            while left <= right {
                while values[left] > pivot { left += 1 }
                while values[right] < pivot { right -= 1 }
                if left <= right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
            if target <= right {
                high = right
            } else if target >= left {
                low = left
            } else {
                return values[target]
            }
        }
        return values[target]
    }

    private static func medianOfThree(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        max(min(a, b), min(max(a, b), c))
    }
}

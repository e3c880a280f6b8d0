/// The instalment plan calculator: a total split into monthly instalments that add up to it to
/// the last minor unit.
///
/// Every instalment is the total divided by the count, rounded down to the currency's minor
/// unit; the remainder (fewer minor units than there are instalments) goes to the **first**
/// instalment, so the customer pays the odd cent while the arrangement is freshest and every
/// later instalment is the same. 100.00 in 3 is 33.34 + 33.33 + 33.33; ¥10,000 in 3 is
/// ¥3,334 + ¥3,333 + ¥3,333. The n-th instalment falls due n − 1 months after the first date,
/// on the same day of the month, or on the month's last day when it is shorter (31 January,
/// then 28 or 29 February, then 31 March).
public enum InstalmentPlan {
    public static let maximumCount = 60

    /// The instalments of `total` (minor units, more than zero) in `count` monthly payments
    /// starting on `firstDate`, from `today` to a year ahead (`InputDateRules.planFirstDates`).
    public static func make(total: Int64, count: Int, firstDate: LocalDate, today: LocalDate) throws(ArrangementError) -> [Instalment] {
        guard total > 0 else { throw .invalid(field: "total", message: "there is nothing to repay: the total must be more than zero") }
        guard total <= DecimalAmount.maxMinorUnits else { throw .invalid(field: "total", message: "the total is too large") }
        guard (1...maximumCount).contains(count) else {
            throw .invalid(field: "count", message: "the number of instalments must be from 1 to \(maximumCount)")
        }
        guard firstDate >= today else {
            throw .invalid(field: "first_date", message: "the first instalment (\(firstDate)) may not be before today (\(today))")
        }
        let latest = InputDateRules.planFirstDates(today: today).upperBound
        guard firstDate <= latest else {
            throw .invalid(field: "first_date", message: "the first instalment (\(firstDate)) must be due within a year, by \(latest)")
        }
        guard Int64(count) <= total else {
            throw .invalid(field: "count", message: "\(count) instalments would leave some at zero: the total has only \(total) minor units")
        }
        let share = total / Int64(count)
        let remainder = total - share * Int64(count)
        return (0..<count).map { index in
            Instalment(number: index + 1, dueOn: firstDate.adding(months: index), amount: index == 0 ? share + remainder : share)
        }
    }
}

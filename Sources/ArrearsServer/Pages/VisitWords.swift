import ArrearsCore

/// The field visit pages' own words, added to the workbench's table for `VisitsView`.
enum VisitWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        WorkbenchWords.table(localizer).merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    static let chinese: [String: String] = [
        "vs_title": "外访", "vs_day": "日期", "vs_show": "查看", "vs_none": "当天没有外访。", "vs_team": "外访组", "vs_window": "时间窗口",
        "vs_address": "地址", "vs_region": "地区", "vs_dispatch": "派发外访", "vs_case_id": "案件编号", "vs_starts": "开始时间", "vs_ends": "结束时间",
        "vs_window_hint": "按客户所在时区填写；至少提前 24 小时，最长 12 小时。", "vs_send": "派发", "vs_report": "外访报告", "vs_met": "见到",
        "vs_met_customer": "客户本人", "vs_met_family": "家属", "vs_met_nobody": "无人在家", "vs_situation": "客户情况", "vs_difficulty": "困难",
        "vs_promise_amount": "承诺金额（可选）", "vs_promise_date": "承诺日期（可选）", "vs_plan_requested": "客户申请分期", "vs_visitors": "外访人数",
        "vs_id_shown": "已出示工作证件", "vs_submit": "提交报告", "vs_route": "路线顺序", "vs_follow_up": "跟进任务",
        "vs_status_dispatched": "已派发", "vs_status_confirmed": "客户已确认", "vs_status_done": "已完成", "vs_status_not_met": "未见到",
        "vs_photos": "照片", "vs_photos_hint": "可选：JPEG 或 PNG，每张不超过 5 MiB，每次外访最多 10 张。",
        "vs_status_cancelled": "已取消", "vs_cancel": "取消外访", "vs_cancel_reason": "取消原因",
        "vs_cancel_hint": "预约随之作废，系统将以短信通知客户外访已取消。",
        "vs_lookup": "查看可派外访组", "vs_queue_empty": "没有待派发的外访任务。", "vs_task": "任务", "vs_select_team": "— 请选择外访组 —",
        "vs_no_team": "没有外访组覆盖该客户所在地区，无法派发。", "vs_no_open_case": "没有该编号的未结案件",
        "vs_two_collectors": "两名外访人员在场", "vs_ticks_hint": "以上两项均为必填：外访须由两名人员进行并出示工作证件。",
        "vs_override_reason": "在允许联系时间之外提交的原因（仅当规则允许时填写）", "vs_plan": "分期申请",
        "vs_plan_instalments": "分期期数", "vs_plan_first": "首期还款日（可选）",
        "vs_reveal": "显示地址和电话", "vs_map": "在地图中打开",
        "vs_confirm": "签到：客户已确认外访", "vs_confirm_hint": "客户同意上述时间窗口后点击；记录在审计日志中。",
    ]

    static let english: [String: String] = [
        "vs_title": "Field visits", "vs_day": "Day", "vs_show": "Show", "vs_none": "No visits on this day.", "vs_team": "Team", "vs_window": "Window",
        "vs_address": "Address", "vs_region": "Region", "vs_dispatch": "Dispatch a visit", "vs_case_id": "Case", "vs_starts": "Starts", "vs_ends": "Ends",
        "vs_window_hint": "In the customer's time zone; at least 24 hours ahead, at most 12 hours long.", "vs_send": "Dispatch", "vs_report": "Report",
        "vs_met": "Met", "vs_met_customer": "the customer", "vs_met_family": "family", "vs_met_nobody": "nobody at home", "vs_situation": "Situation",
        "vs_difficulty": "Difficulty", "vs_promise_amount": "Promise amount (optional)", "vs_promise_date": "Promise date (optional)",
        "vs_plan_requested": "Asked for a repayment plan", "vs_visitors": "Visitors", "vs_id_shown": "Identification shown", "vs_submit": "Send report",
        "vs_route": "Route order", "vs_follow_up": "Follow-up task",
        "vs_status_dispatched": "dispatched", "vs_status_confirmed": "confirmed by the customer", "vs_status_done": "done", "vs_status_not_met": "nobody met",
        "vs_photos": "Photos", "vs_photos_hint": "Optional: JPEG or PNG, at most 5 MiB each, at most 10 per visit.",
        "vs_status_cancelled": "cancelled", "vs_cancel": "Cancel the visit", "vs_cancel_reason": "Reason for cancelling",
        "vs_cancel_hint": "The agreed time is voided and the customer is told by SMS that the visit is off.",
        "vs_lookup": "Show the teams", "vs_queue_empty": "No visit tasks await dispatch.", "vs_task": "Task", "vs_select_team": "— choose a team —",
        "vs_no_team": "No field team covers the customer's region: the visit cannot be dispatched.", "vs_no_open_case": "there is no open case with that id",
        "vs_two_collectors": "Two collectors present", "vs_ticks_hint": "Both are required: a visit is made by two collectors who show their identification.",
        "vs_override_reason": "Reason to report outside the contact hours (only where the rule allows it)", "vs_plan": "Plan request",
        "vs_plan_instalments": "Instalments", "vs_plan_first": "First instalment due (optional)",
        "vs_reveal": "Show the address and phone", "vs_map": "Open in the map",
        "vs_confirm": "Check in: the customer confirmed the visit", "vs_confirm_hint": "Press once the customer agrees to the window above; recorded in the audit log.",
    ]
}

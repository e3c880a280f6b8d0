import ArrearsCore

/// The workbench pages' own words, added to `Localizer`'s table for the queue and case page (`WorkbenchViews`).
enum WorkbenchWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.language == .en ? englishTable : chineseTable
    }

    /// `Localizer`'s words with these, merged once rather than for every page.
    private static let chineseTable = Localizer(language: .zhCN).table.merging(chinese) { _, own in own }.merging(PolicyWords.chinese) { _, own in own }
        .merging(CaseWords.chinese) { _, own in own }.merging(CodeCatalogue.chinese) { _, own in own }.merging(VisitWords.chinese) { _, own in own }
    private static let englishTable = Localizer(language: .en).table.merging(english) { _, own in own }.merging(PolicyWords.english) { _, own in own }
        .merging(CaseWords.english) { _, own in own }.merging(CodeCatalogue.english) { _, own in own }.merging(VisitWords.english) { _, own in own }

    static let chinese: [String: String] = [
        "wb_queue_title": "我的队列", "wb_case_title": "案件", "wb_customer": "客户", "wb_channel": "渠道", "wb_dpd": "逾期天数",
        "wb_overdue": "逾期金额", "wb_contact_now": "现在可否联系", "wb_allowed": "可以", "wb_blocked": "不可以", "wb_next_allowed": "最早可联系",
        "wb_empty_queue": "队列中没有任务。", "wb_accounts": "账户", "wb_dues": "应还款", "wb_payments": "还款", "wb_attempts": "联系记录",
        "wb_promises": "承诺还款", "wb_tasks": "待办任务", "wb_flags": "客户标记", "wb_log_attempt": "记录联系", "wb_outcome": "结果",
        "wb_note": "备注", "wb_save": "保存", "wb_take_promise": "承诺还款", "wb_amount": "金额", "wb_due_on": "到期日", "wb_next_case": "下一个案件",
        "wb_none": "无", "wb_status": "状态", "wb_back_to_queue": "返回队列", "wb_outstanding": "未还总额", "wb_error": "未保存",
        "wb_arrangement": "还款安排", "wb_arr_for_account": "账户", "wb_arr_count": "期数", "wb_arr_first_date": "首期日期", "wb_arr_new_date": "新到期日",
        "wb_arr_reason": "原因", "wb_arr_share": "减免比例", "wb_arr_pay_by": "最迟还款日", "wb_arr_propose": "提交", "wb_arr_needs": "需审批角色",
        "wb_arr_instalments": "期", "wb_arr_waived": "减免",
        "wb_arr_kind_instalment_plan": "分期还款", "wb_arr_kind_deferral": "延期还款", "wb_arr_kind_waiver": "减免息费", "wb_arr_kind_settlement": "协商结清",
        "wb_arr_status_proposed": "待审批", "wb_arr_status_approved": "已批准", "wb_arr_status_rejected": "已拒绝", "wb_arr_status_active": "执行中",
        "wb_arr_status_completed": "已完成", "wb_arr_status_broken": "已违约",
        "sv_title": "主管工作台", "sv_refused": "未执行", "sv_approvals": "待审批的还款安排", "sv_kind": "类型", "sv_terms": "条件", "sv_proposed_by": "提出人",
        "sv_beyond_mine": "超出我的权限", "sv_own_proposal": "本人提出，须由他人审批", "sv_reject_reason": "拒绝原因（必填）",
        "wb_nothing_to_promise": "客户无逾期欠款，无需承诺还款。", "sv_approve": "批准", "sv_reject": "拒绝", "sv_due_today": "今日到期的承诺还款", "sv_broken": "近 7 天违约的承诺还款",
        "sv_paid": "已还", "sv_workload": "团队工作量", "sv_agent": "催收员", "sv_open_tasks": "待办任务", "sv_reassign": "改派任务", "sv_move": "改派",
        "wb_access_title": "不在您的队列中", "wb_access_explain": "此案件不在您的队列中。如客户来电，请填写原因后打开，有效 30 分钟；原因将记入审计日志。",
        "wb_access_reason": "原因", "wb_access_open": "打开",
        "wb_letters": "催收信函", "wb_letter": "信函", "wb_letter_sent": "已寄出", "wb_letter_queued": "待打印", "wb_letter_withheld": "未寄出",
        "wb_on_hold": "暂停催收", "wb_hold_explain": "客户正在履行该安排，每日批处理不催收其所涵盖的账户；安排违约后次日恢复催收。",
        "wb_settlement": "和解", "wb_settlement_owed": "按和解仍应还", "wb_settlement_without": "不计和解的余额", "wb_settlement_forgiven_when_paid": "还清后减免",
        "wb_settled_on": "已和解结清", "wb_settlement_forgiven": "已减免", "wb_approved_by": "批准人",
        "wb_breach": "违规", "wb_customer_time": "客户当地时间", "wb_unknown_zone": "时区未知，无法判断", "wb_breach_warning": "已记录为违规联系，主管和合规部门当天可见。违反的规则",
        "sv_breaches": "今日违规联系与有理由放行", "sv_time_local": "客户当地时间", "sv_rule": "规则", "sv_kind_breach": "违规", "sv_kind_override": "有理由放行",
        "sv_reason": "原因", "sv_actor": "操作人",
        "wb_follow_ups": "联系结果产生的待办", "wb_callback_at": "约定回电时间（客户当地）", "wb_accepted_channels": "客户接受的联系渠道（拒绝联系或要求停止联系时）",
        "wb_outcome_no_answer": "无人接听", "wb_outcome_busy": "占线", "wb_outcome_voicemail": "语音信箱", "wb_outcome_invalid_number": "空号/错号",
        "wb_outcome_wrong_party": "非本人", "wb_outcome_third_party_message": "第三方转告", "wb_outcome_right_party_contact": "本人接通",
        "wb_outcome_promise_to_pay": "承诺还款", "wb_outcome_refusal": "拒绝还款/联系", "wb_outcome_dispute": "对债务有异议", "wb_outcome_hardship": "经济困难",
        "wb_outcome_callback": "约定回电", "wb_outcome_cease_request": "要求停止催收联系", "wb_outcome_deceased": "客户已故", "wb_outcome_sent": "已发送",
        "wb_outcome_visit_met": "上门见到本人", "wb_outcome_visit_not_home": "上门未见到",
    ]

    static let english: [String: String] = [
        "wb_queue_title": "My queue", "wb_case_title": "Case", "wb_customer": "Customer", "wb_channel": "Channel", "wb_dpd": "DPD",
        "wb_overdue": "Overdue", "wb_contact_now": "Contact now?", "wb_allowed": "allowed", "wb_blocked": "not allowed", "wb_next_allowed": "next allowed",
        "wb_empty_queue": "Nothing in the queue.", "wb_accounts": "Accounts", "wb_dues": "Dues", "wb_payments": "Payments", "wb_attempts": "Contact history",
        "wb_promises": "Promises to pay", "wb_tasks": "Open tasks", "wb_flags": "Flags", "wb_log_attempt": "Log a contact attempt", "wb_outcome": "Outcome",
        "wb_note": "Note", "wb_save": "Save", "wb_take_promise": "Take a promise to pay", "wb_amount": "Amount", "wb_due_on": "Due on", "wb_next_case": "Next case",
        "wb_none": "None", "wb_status": "Status", "wb_back_to_queue": "Back to the queue", "wb_outstanding": "Outstanding", "wb_error": "Not saved",
        "wb_arrangement": "Arrangement", "wb_arr_for_account": "For account", "wb_arr_count": "Instalments", "wb_arr_first_date": "First date",
        "wb_arr_new_date": "New due date", "wb_arr_reason": "Reason", "wb_arr_share": "Share waived", "wb_arr_pay_by": "Pay by", "wb_arr_propose": "Propose",
        "wb_arr_needs": "needs", "wb_arr_instalments": "instalments", "wb_arr_waived": "waived",
        "wb_arr_kind_instalment_plan": "Instalment plan", "wb_arr_kind_deferral": "Deferral", "wb_arr_kind_waiver": "Interest/fee waiver",
        "wb_arr_kind_settlement": "Settlement",
        "wb_arr_status_proposed": "waiting for approval", "wb_arr_status_approved": "approved", "wb_arr_status_rejected": "rejected",
        "wb_arr_status_active": "active", "wb_arr_status_completed": "completed", "wb_arr_status_broken": "broken",
        "sv_title": "Supervisor", "sv_refused": "Not done", "sv_approvals": "Approvals waiting", "sv_kind": "Kind", "sv_terms": "Terms", "sv_proposed_by": "Proposed by",
        "sv_beyond_mine": "beyond my authority", "sv_own_proposal": "my own proposal: another approver decides",
        "sv_reject_reason": "reason for rejecting (required)", "wb_nothing_to_promise": "The customer owes nothing overdue: there is nothing to promise.", "sv_approve": "Approve", "sv_reject": "Reject", "sv_due_today": "Promises due today",
        "sv_broken": "Promises broken in the last 7 days", "sv_paid": "paid", "sv_workload": "Team workload", "sv_agent": "Agent", "sv_open_tasks": "Open tasks",
        "sv_reassign": "Reassign open tasks", "sv_move": "Move",
        "wb_access_title": "Not in your queue",
        "wb_access_explain": "This case is not in your queue. If the customer is calling you, give the reason to open it for 30 minutes; the reason is recorded in the audit log.",
        "wb_access_reason": "Reason", "wb_access_open": "Open",
        "wb_letters": "Letters", "wb_letter": "letter", "wb_letter_sent": "sent", "wb_letter_queued": "waiting to be printed", "wb_letter_withheld": "withheld",
        "wb_on_hold": "On hold", "wb_hold_explain": "The customer is keeping this arrangement: the daily run does not chase the account it covers, and chases it again the day after it breaks.",
        "wb_settlement": "Settlement", "wb_settlement_owed": "owed under the settlement", "wb_settlement_without": "balance without it",
        "wb_settlement_forgiven_when_paid": "forgiven once paid", "wb_settled_on": "Settled on", "wb_settlement_forgiven": "forgiven", "wb_approved_by": "approved by",
        "wb_follow_ups": "Follow-ups from contact outcomes", "wb_callback_at": "Agreed callback time (customer's local time)", "wb_accepted_channels": "Channels the customer accepts (on a refusal or a request to stop)",
        "wb_outcome_no_answer": "no answer", "wb_outcome_busy": "busy", "wb_outcome_voicemail": "voicemail", "wb_outcome_invalid_number": "invalid number",
        "wb_outcome_wrong_party": "wrong party", "wb_outcome_third_party_message": "message left with a third party",
        "wb_outcome_right_party_contact": "right-party contact", "wb_outcome_promise_to_pay": "promise to pay", "wb_outcome_refusal": "refusal",
        "wb_outcome_dispute": "dispute", "wb_outcome_hardship": "hardship claimed", "wb_outcome_callback": "callback agreed",
        "wb_outcome_cease_request": "asked to stop contact", "wb_outcome_deceased": "customer deceased", "wb_outcome_sent": "sent",
        "wb_outcome_visit_met": "visit: met", "wb_outcome_visit_not_home": "visit: not at home",
        "wb_breach": "breach", "wb_customer_time": "Customer's time", "wb_unknown_zone": "time zone unknown, so contact cannot be judged", "wb_breach_warning": "Recorded as a breach of the policy pack; your supervisor and compliance see it today. The rule",
        "sv_breaches": "Breaches and overrides today", "sv_time_local": "Customer's time", "sv_rule": "Rule", "sv_kind_breach": "breach",
        "sv_kind_override": "override with a reason", "sv_reason": "Reason", "sv_actor": "By",
    ]
}

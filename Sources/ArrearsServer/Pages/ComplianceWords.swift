import ArrearsCore
import ArrearsStore

/// The compliance console's own words, added to the workbench's table (whose `sv_` words name
/// the breaches' columns) for `ComplianceView` and the console's other pages (flags,
/// complaints, audit log, outbox). Every code the console shows (flags, channels, statuses,
/// audit actions, errors) has its words here in both languages (`code(_:_:)`).
enum ComplianceWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        WorkbenchWords.table(localizer).merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    /// How the code `value` of the list `kind` (`flag`, `cch` for a complaint's channel,
    /// `ob` for an outbox status, `au` for an audit action, `ch` for a contact channel) reads
    /// in `t`'s language; the code itself only when no words exist (an action a later version added).
    static func code(_ kind: String, _ value: String, _ t: Words) -> String {
        t.table["\(kind)_\(value)"] ?? value
    }

    /// A refusal beside its field: in English the API's message; in Chinese the words for its
    /// code (`missing_field`, `invalid_field`, `not_found`, …), never the English message.
    static func refusal(_ error: APIError, _ t: Words, language: Language) -> String {
        guard language != .en else { return error.message }
        return t.table["cp_err_\(error.code)"] ?? t["cp_err_invalid_field"]
    }

    static let chinese: [String: String] = [
        "cp_title": "合规控制台", "cp_blocked": "被政策拦截的行动", "cp_business_date": "业务日期", "cp_by_rule": "按规则",
        "cp_no_rule": "未记录规则", "cp_treatment": "处置", "cp_next_allowed": "最早可行时间", "cp_complaints": "未结投诉",
        "cp_complaint": "投诉编号", "cp_opened": "登记时间", "cp_category": "类别", "cp_description": "内容", "cp_flags": "生效中的客户标记",
        "cp_flag": "标记", "cp_from": "起", "cp_until": "止", "cp_note": "备注", "cp_case": "案件", "cp_no_runs": "尚未运行每日批处理。",
        "cp_limit": "每个列表最多显示 {limit} 条。",
        "cp_period": "期间", "cp_period_from": "自", "cp_period_to": "至", "cp_show": "显示", "cp_all_rules": "全部规则",
        "cp_rule_list": "查看明细", "cp_blocked_period": "业务日期 {from} 至 {to}", "cp_breaches_period": "违规与例外放行（客户当地日期 {from} 至 {to}）",
        "cp_breaches_today": "今日违规与例外放行（客户当地时间）", "cp_local_time": "时间（{zone}）", "cp_customer_time": "客户当地时间",
        "cp_nav": "合规控制台各页",
        // Flags
        "cp_flags_title": "客户标记", "cp_add_flag": "添加标记", "cp_customer_id": "客户编号", "cp_channel_all": "全部渠道",
        "cp_value": "取值（偏好渠道或时段）", "cp_evidence": "依据说明", "cp_end_flag": "结束标记", "cp_end": "结束",
        "cp_flag_added": "已添加标记。", "cp_flag_ended": "已结束标记，自今日起不再生效。", "cp_recorded_note": "登记时备注",
        "flag_do_not_contact": "要求不再联系", "flag_cease": "书面要求停止沟通", "flag_dispute": "债务异议", "flag_bankruptcy": "破产",
        "flag_deceased": "已故", "flag_vulnerable": "弱势客户", "flag_complaint": "投诉处理中", "flag_breathing_space": "喘息期",
        "flag_time_barred": "已过诉讼时效", "flag_lost": "失联", "flag_incapacitated": "无行为能力", "flag_forbearance_offered": "已提供宽限方案",
        "flag_preferred_channel": "偏好联系渠道", "flag_preferred_hours": "偏好联系时段", "flag_hardship": "经济困难", "flag_accepted_channels": "仅接受的渠道",
        // Complaints
        "cp_complaints_title": "投诉", "cp_log_complaint": "登记投诉", "cp_case_id": "案件编号（可选）", "cp_received_by": "投诉渠道",
        "cp_assigned_to": "经办人", "cp_assign": "分派", "cp_unassigned": "未分派", "cp_resolution": "处理结果", "cp_resolve": "办结",
        "cp_complaint_logged": "已登记投诉，客户已标记为投诉处理中。", "cp_complaint_assigned": "已分派投诉。", "cp_complaint_resolved": "已办结投诉。",
        "cch_call": "电话", "cch_sms": "短信", "cch_email": "电子邮件", "cch_letter": "信函", "cch_visit": "外访", "cch_branch": "网点",
        "cch_web": "网站", "cch_regulator": "监管转办", "ch_third_party": "联系第三方", "ch_legal_review": "法务审查",
        // Audit log
        "cp_audit_title": "审计日志", "cp_actor": "操作人", "cp_subject": "对象", "cp_action": "操作", "cp_search": "查找", "cp_details": "详情",
        "cp_sequence": "序号", "cp_export": "导出所查条目（CSV）", "cp_matches": "共 {count} 条符合条件。", "cp_chain_intact": "审计链完整：{entries} 条，链头 {head}。",
        "cp_chain_broken": "审计链已被破坏：在 {entries} 条完好记录之后，{break}", "cp_chain_empty": "审计日志为空。", "cp_older": "更早的条目",
        "cp_newest": "最新条目", "cp_break_altered": "第 {n} 条的内容与其哈希不符（被改动）", "cp_break_missing": "第 {n} 条之后缺少条目（下一条为第 {m} 条）",
        "cp_break_unlinked": "第 {n} 条与前一条不相连（顺序被打乱或前一条被替换）", "cp_break_erasure": "第 {n} 条起的删除未被保留期运行 {run} 说明",
        "au_flag_added": "添加客户标记", "au_flag_ended": "结束客户标记", "au_complaint_opened": "登记投诉", "au_complaint_resolved": "办结投诉",
        "au_complaint_assigned": "分派投诉", "au_outbox_retried": "重新发送消息", "au_audit_exported": "导出审计日志", "au_appointment_cancelled": "取消约定时间", "au_appointment_recorded": "记录约定时间", "au_contact_attempt_recorded": "记录联系",
        "au_contact_override": "例外放行联系", "au_contact_point_added": "添加联系方式", "au_contact_point_marked": "停用联系方式",
        "au_legal_case_opened": "转入法律程序", "au_legal_cost_added": "记录法律费用", "au_legal_document_added": "添加法律文书",
        "au_legal_stage_moved": "推进法律阶段", "au_letter_sent": "发出信函", "au_outcome_task_opened": "生成跟进任务", "au_payment_posted": "入账还款",
        "au_promise_taken": "记录承诺还款", "au_run_day": "每日批处理", "au_satisfaction_rated": "客户满意度评价", "au_view_personal_data": "查看个人信息",
        "au_visit_cancelled": "取消外访", "au_visit_confirmed": "确认外访", "au_visit_dispatched": "派出外访", "au_visit_photo_added": "上传外访照片",
        "au_visit_reported": "提交外访报告",
        // Outbox
        "cp_outbox_title": "发件箱", "cp_status": "状态", "cp_all_statuses": "全部状态", "cp_message": "消息", "cp_attempts": "尝试次数",
        "cp_next_attempt": "下次尝试", "cp_last_error": "最近错误", "cp_sent": "发送时间", "cp_delivered": "送达时间", "cp_retry": "重新发送",
        "cp_retried": "已重新排队，下一次投递时发送。", "cp_more": "下一页",
        "ob_pending": "待发送", "ob_sending": "发送中", "ob_sent": "已发送", "ob_delivered": "已送达", "ob_failed": "发送失败",
        // Errors beside a field
        "cp_err_missing_field": "此项必填。", "cp_err_invalid_field": "此项无效，请检查后重试。", "cp_err_not_found": "找不到该记录，或不在您的权限范围内。",
        "cp_err_already_resolved": "该投诉已办结。", "cp_err_not_failed": "只有发送失败的消息可以重新发送。", "cp_err_invalid_parameter": "此项无效，请检查后重试。",
        "cp_err_invalid_date": "请填写日期（年-月-日）。",
    ]

    static let english: [String: String] = [
        "cp_title": "Compliance console", "cp_blocked": "Actions the policy blocked", "cp_business_date": "Business date", "cp_by_rule": "By rule",
        "cp_no_rule": "no rule recorded", "cp_treatment": "Treatment", "cp_next_allowed": "Next allowed", "cp_complaints": "Open complaints",
        "cp_complaint": "Complaint", "cp_opened": "Opened", "cp_category": "Category", "cp_description": "What about", "cp_flags": "Flags in force",
        "cp_flag": "Flag", "cp_from": "From", "cp_until": "Until", "cp_note": "Note", "cp_case": "Case", "cp_no_runs": "No daily run yet.",
        "cp_limit": "Each list shows at most {limit} lines.",
        "cp_period": "Period", "cp_period_from": "From", "cp_period_to": "To", "cp_show": "Show", "cp_all_rules": "All rules",
        "cp_rule_list": "list", "cp_blocked_period": "Business dates {from} to {to}", "cp_breaches_period": "Breaches and overrides (customer-local dates {from} to {to})",
        "cp_breaches_today": "Today's breaches and overrides (customer's local time)", "cp_local_time": "Time ({zone})", "cp_customer_time": "Customer's local time",
        "cp_nav": "Compliance pages",
        // Flags
        "cp_flags_title": "Customer flags", "cp_add_flag": "Add a flag", "cp_customer_id": "Customer id", "cp_channel_all": "Every channel",
        "cp_value": "Value (preferred channel or hours)", "cp_evidence": "Evidence", "cp_end_flag": "End the flag", "cp_end": "End",
        "cp_flag_added": "The flag was added.", "cp_flag_ended": "The flag was ended: it no longer holds from today.", "cp_recorded_note": "Note when recorded",
        "flag_do_not_contact": "do not contact", "flag_cease": "cease communication", "flag_dispute": "dispute", "flag_bankruptcy": "bankruptcy",
        "flag_deceased": "deceased", "flag_vulnerable": "vulnerable", "flag_complaint": "complaint open", "flag_breathing_space": "breathing space",
        "flag_time_barred": "time-barred", "flag_lost": "lost contact", "flag_incapacitated": "incapacitated", "flag_forbearance_offered": "forbearance offered",
        "flag_preferred_channel": "preferred channel", "flag_preferred_hours": "preferred hours", "flag_hardship": "hardship", "flag_accepted_channels": "accepted channels only",
        // Complaints
        "cp_complaints_title": "Complaints", "cp_log_complaint": "Log a complaint", "cp_case_id": "Case id (optional)", "cp_received_by": "Received by",
        "cp_assigned_to": "Handled by", "cp_assign": "Assign", "cp_unassigned": "unassigned", "cp_resolution": "Resolution", "cp_resolve": "Resolve",
        "cp_complaint_logged": "The complaint was logged and the customer flagged.", "cp_complaint_assigned": "The complaint was assigned.",
        "cp_complaint_resolved": "The complaint was resolved.",
        "cch_call": "call", "cch_sms": "SMS", "cch_email": "e-mail", "cch_letter": "letter", "cch_visit": "visit", "cch_branch": "branch",
        "cch_web": "website", "cch_regulator": "regulator", "ch_third_party": "Third party", "ch_legal_review": "Legal review",
        // Audit log
        "cp_audit_title": "Audit log", "cp_actor": "Actor", "cp_subject": "Subject", "cp_action": "Action", "cp_search": "Search", "cp_details": "Details",
        "cp_sequence": "No.", "cp_export": "Export these entries (CSV)", "cp_matches": "{count} entries match.", "cp_chain_intact": "Audit chain intact: {entries} entries, head {head}.",
        "cp_chain_broken": "Audit chain BROKEN after {entries} good entries: {break}", "cp_chain_empty": "The audit log is empty.", "cp_older": "Older entries",
        "cp_newest": "Newest entries", "cp_break_altered": "entry {n} no longer matches its hash (altered)", "cp_break_missing": "entries are missing after {n} (the next is {m})",
        "cp_break_unlinked": "entry {n} does not follow the one before it (reordered, or the one before replaced)",
        "cp_break_erasure": "the erasure of entries from {n} is not accounted for by retention run {run}",
        "au_flag_added": "flag added", "au_flag_ended": "flag ended", "au_complaint_opened": "complaint opened", "au_complaint_resolved": "complaint resolved",
        "au_complaint_assigned": "complaint assigned", "au_outbox_retried": "message retried", "au_audit_exported": "audit log exported", "au_appointment_cancelled": "appointment cancelled", "au_appointment_recorded": "appointment recorded", "au_contact_attempt_recorded": "contact logged",
        "au_contact_override": "contact override", "au_contact_point_added": "contact point added", "au_contact_point_marked": "contact point marked unusable",
        "au_legal_case_opened": "legal case opened", "au_legal_cost_added": "legal cost added", "au_legal_document_added": "legal document added",
        "au_legal_stage_moved": "legal stage moved", "au_letter_sent": "letter sent", "au_outcome_task_opened": "follow-up task opened", "au_payment_posted": "payment posted",
        "au_promise_taken": "promise taken", "au_run_day": "daily run", "au_satisfaction_rated": "satisfaction rated", "au_view_personal_data": "personal data viewed",
        "au_visit_cancelled": "visit cancelled", "au_visit_confirmed": "visit confirmed", "au_visit_dispatched": "visit dispatched", "au_visit_photo_added": "visit photo added",
        "au_visit_reported": "visit reported",
        // Outbox
        "cp_outbox_title": "Outbox", "cp_status": "Status", "cp_all_statuses": "Every status", "cp_message": "Message", "cp_attempts": "Attempts",
        "cp_next_attempt": "Next attempt", "cp_last_error": "Last error", "cp_sent": "Sent", "cp_delivered": "Delivered", "cp_retry": "Retry",
        "cp_retried": "Queued again: the next delivery run sends it.", "cp_more": "Next page",
        "ob_pending": "pending", "ob_sending": "sending", "ob_sent": "sent", "ob_delivered": "delivered", "ob_failed": "failed",
        // Errors beside a field
        "cp_err_missing_field": "Required.", "cp_err_invalid_field": "Not valid; check it and try again.", "cp_err_not_found": "Not found, or not within your work.",
        "cp_err_already_resolved": "That complaint is already resolved.", "cp_err_not_failed": "Only a failed message can be retried.",
        "cp_err_invalid_parameter": "Not valid; check it and try again.", "cp_err_invalid_date": "Give a date (YYYY-MM-DD).",
    ]
}

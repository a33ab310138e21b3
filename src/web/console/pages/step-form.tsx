/** The form of one step (date and the step's own facts), with the violations it would add shown first. */
import { Alert, Form, Input, InputNumber, Modal, Select } from "antd";
import { useMemo, useState } from "react";
import type { CaseEvent } from "../../../domain/cases/index.js";
import { OUTCOME_KEYS } from "../../../domain/cases/index.js";
import { APPLICATION_ROW, applicationRowFullLabel } from "../../../domain/report/definition.js";
import { ApiError, post } from "../api.js";
import { chinaToday, newViolations, STEP_LABEL, type Step, sampleEvent } from "../case-actions.js";

const DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "日期格式为 YYYY-MM-DD" };

export const OUTCOME_OPTIONS = OUTCOME_KEYS.map((k) => ({
  value: k,
  label: applicationRowFullLabel(APPLICATION_ROW[k]),
}));
const DELIVERY_OPTIONS = [
  { value: "hand", label: "当面送达（签收日）" },
  { value: "post", label: "邮寄（交邮日）" },
  { value: "electronic", label: "电子送达" },
];

/** Builds the event from the form's values. */
function toEvent(step: Step, v: Record<string, unknown>): CaseEvent {
  const e = { ...sampleEvent(step, String(v.date)), ...v } as Record<string, unknown>;
  for (const k of Object.keys(e)) if (e[k] === undefined || e[k] === "") delete e[k];
  // The server records who approved an extension from the session, never from the request.
  delete e.approverRole;
  return e as unknown as CaseEvent;
}

/** Modal for recording `step` on the case; onDone(true) after the server accepted it. */
export function StepForm({
  caseId,
  step,
  events,
  onDone,
}: {
  caseId: string;
  step: Step;
  events: readonly CaseEvent[];
  onDone(saved: boolean): void;
}) {
  const today = chinaToday();
  const [form] = Form.useForm();
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...sampleEvent(step, today) }));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const warnings = useMemo(() => {
    try {
      return newViolations(events, toEvent(step, values), today);
    } catch {
      return [];
    }
  }, [events, step, values, today]);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await post(`/api/applications/${caseId}/events`, toEvent(step, v), { quiet: true });
      onDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.text : String(e));
    } finally {
      setBusy(false);
    }
  };
  const initial = { ...sampleEvent(step, today) } as Record<string, unknown>;
  delete initial.type;
  if (step === "extension_approved") initial.approverRole = "负责人";
  return (
    <Modal
      open
      title={STEP_LABEL[step]}
      okText="登记"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(_, all) => setValues(all as Record<string, unknown>)}
      >
        <Form.Item label="日期" name="date" rules={[{ required: true, message: "请填写日期" }, DATE]}>
          <Input placeholder="YYYY-MM-DD" />
        </Form.Item>
        {step === "correction_requested" && (
          <Form.Item
            label="补正期限（申请人应在此日期前补正）"
            name="deadline"
            rules={[{ required: true }, DATE]}
          >
            <Input />
          </Form.Item>
        )}
        {step === "consultation_started" && (
          <Form.Item label="征求对象" name="party">
            <Select
              options={[
                { value: "third_party", label: "第三方（条例第三十二条）" },
                { value: "other_agency", label: "其他机关（条例第三十四条）" },
              ]}
            />
          </Form.Item>
        )}
        {step === "extension_approved" && (
          <>
            <Form.Item
              label="延长的工作日数（累计不超过 20 个工作日）"
              name="workingDays"
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={20} />
            </Form.Item>
            <Form.Item label="批准人" name="approverRole" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </>
        )}
        {step === "fee_notice" && (
          <>
            <Form.Item label="收费金额（元）" name="amountYuan" rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item label="通知送达日期（可不填，默认同日）" name="arrivedOn" rules={[DATE]}>
              <Input />
            </Form.Item>
          </>
        )}
        {step === "replied" && (
          <>
            <Form.Item label="办理结果" name="outcome" rules={[{ required: true }]}>
              <Select options={OUTCOME_OPTIONS} showSearch={{ optionFilterProp: "label" }} />
            </Form.Item>
            <Form.Item label="送达方式" name="delivery">
              <Select options={DELIVERY_OPTIONS} />
            </Form.Item>
          </>
        )}
        {warnings.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title="登记后将出现以下违反法定要求的情形"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      </Form>
    </Modal>
  );
}

/** Placeholder while the screen is built. */
import { Result } from "antd";

export default function Page(_props: Record<string, unknown>) {
  return <Result status="info" title="此功能暂不可用" />;
}

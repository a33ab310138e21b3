/** Small shared views: a failed load in place (with "此功能暂不可用" for a missing route). */
import { Alert, Result, Spin } from "antd";
import type { ReactNode } from "react";
import { type ApiError, UNAVAILABLE } from "./api.js";
import type { Loaded } from "./use-api.js";

/** The error of a load, in place. */
export function ErrorView({ error }: { error: ApiError }) {
  if (error.unavailable)
    return (
      <Result status="info" title={UNAVAILABLE} subTitle="服务端尚未提供该接口，请稍后再试或联系管理员。" />
    );
  return <Alert type="error" showIcon title={error.problem.title} description={error.text} />;
}

/** Renders `children(data)` once loaded; a spinner before; the error in place. */
export function Loading<T>({ state, children }: { state: Loaded<T>; children(data: T): ReactNode }) {
  if (state.error) return <ErrorView error={state.error} />;
  if (state.data === undefined) return <Spin style={{ display: "block", margin: 48 }} />;
  return <>{children(state.data)}</>;
}

/** Lists in this API come as {items} (paginated lists add total/page/pageSize). */
export interface Page<T> {
  items: T[];
  total?: number;
  page?: number;
  pageSize?: number;
}

/** An instant (ISO 8601) as China Standard Time, "YYYY-MM-DD HH:mm"; the text itself when not a date. */
export function chinaDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

"use client";
import { AssetForm } from "./asset-form";
import { assetPath } from "@/lib/equipment/paths";

type Props = Omit<React.ComponentProps<typeof AssetForm>, "doneHref">;

/** The asset form with its destination built here (a server page cannot pass a function to the client). */
export function AssetFormForSchool(props: Props) {
  return <AssetForm {...props} doneHref={(id) => assetPath(props.schoolSlug, id)} />;
}

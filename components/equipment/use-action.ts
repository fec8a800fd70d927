// Moved to components/ui (a second domain uses it); kept here so equipment's imports stay as they were.
export { useAction, text, checked } from "@/components/ui/use-action";

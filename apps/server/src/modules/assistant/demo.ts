export async function seedDemoAssistant() {}

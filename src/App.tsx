export function App() {
  return (
    <main>
      <h1>政府信息公开工作年度报告</h1>
    </main>
  );
}

/**
 * The words of the 学习 and 审核 views, Chinese first, English for a clerk who prefers it, beside
 * the views they belong to; filled in by the desk's own template function.
 */
import { useCallback } from 'react';
import { useDesk } from '../../store';
import type { Language } from '../../store/types';
import { fillTemplate } from '../settings/messages';

const zh = {
  views: '视图',
  viewDesk: '标注',
  viewLearn: '学习',
  viewAudit: '审核',
  learnTitle: '从本单位的历史标注学习',
  importHistory: '导入已标注的历史公文',
  importHint:
    '支持多选或整个文件夹：.txt .html .docx（读取文件头的“主题分类”），CMS 导出的 .csv（标题、正文、主题分类…），或本标注台导出的 .jsonl',
  chooseFiles: '选择历史公文文件',
  chooseFolder: '选择历史公文文件夹',
  taskImport: '正在读取历史公文 {done}/{total}',
  taskTrain: '正在训练本地模型…',
  taskCompare: '正在交叉验证：第 {done}/{total} 折',
  taskProgress: '学习进度',
  cancel: '取消',
  historySummary:
    '历史公文 {total} 条：可用于训练 {examples} 条，无主题分类 {unlabelled} 条，已忽略 {ignored} 条，未识别分类 {unknown} 条',
  importErrors: '未能读取的内容（{n}）',
  unknownTitle: '未识别的主题分类：请映射到分类表，或忽略',
  unknownRaw: '原写法',
  unknownCount: '条数',
  unknownWhere: '出现于',
  unknownMap: '映射到',
  mapFor: '把“{raw}”映射到',
  mapChoose: '请选择…',
  mapIgnore: '忽略（不用于训练）',
  distribution: '标签分布（一级分类）',
  distributionCount: '{n} 条',
  distributionPaths: '按完整分类（{n} 个）',
  model: '当前模型',
  modelShipped: '随附模型（尚未在本单位数据上训练）',
  modelLocal:
    '本地模型：{trainedAt} 训练，历史公文 {history} 条、标注决定 {decisions} 条；之后逐条学习 {updates} 次',
  modelUpdatesOnly: '本地模型：在随附模型上逐条学习 {updates} 次（尚未用历史公文训练）',
  trainTime: '上次训练用时 {s} 秒',
  train: '训练本地模型',
  compare: '交叉验证（5 折）',
  exportModel: '导出本地模型',
  importModel: '导入模型文件',
  resetModel: '恢复随附模型',
  resetConfirm: '恢复为随附模型？本地模型将被删除（可先导出备份）。',
  clearHistory: '清除历史公文',
  clearConfirm: '清除导入的历史公文？已保存的标注不受影响。',
  figures: '学习的效果（交叉验证，同一批折）',
  figuresNote:
    '在本单位已标注的 {n} 条公文上 {k} 折交叉验证（其中 {n2} 条有二级分类）；每折的本地模型只用其余各折训练。{sample}用时 {s} 秒，{at}。',
  figuresSample: '共 {available} 条，均匀抽取 {n} 条。',
  metric: '指标',
  shipped: '随附模型',
  local: '本地模型',
  top1l1: '一级 Top-1',
  top3l1: '一级 Top-3',
  top1l2: '二级 Top-1',
  top3l2: '二级 Top-3',
  noFigures: '尚未交叉验证：导入历史公文后点击“交叉验证”。',
  rescored: '已按新模型更新待确认公文的建议 {done}/{total}',
  auditTitle: '审核目录：模型有把握地不同意原标注的公文',
  auditThreshold: '最低置信度',
  auditEmpty: '没有需要审核的公文：原标注与模型一致，或模型把握不足。',
  auditCount: '{n} 条待审核（按置信度排序）',
  colTitle: '标题',
  colOriginal: '原标注',
  colSuggested: '模型建议',
  colConfidence: '置信度',
  colEvidence: '依据',
  colActions: '操作',
  levelDiffers1: '一级不同',
  levelDiffers2: '二级不同',
  acceptSuggestion: '改为建议：{path}',
  keepOriginal: '保留原标注：{path}',
  openInDesk: '在标注视图中打开',
  showEvidence: '查看依据',
  evidenceLoading: '正在计算…',
  noEvidence: '无明显依据词',
  untitled: '（无标题）',
} as const;

export type LearnKey = keyof typeof zh;

const en: Readonly<Record<LearnKey, string>> = {
  views: 'Views',
  viewDesk: 'Label',
  viewLearn: 'Learn',
  viewAudit: 'Audit',
  learnTitle: "Learn from the office's labelled history",
  importHistory: 'Import labelled notices',
  importHint:
    'Several files or a whole folder: .txt .html .docx (label read from the 主题分类 header), a CMS .csv (标题, 正文, 主题分类 …), or a desk .jsonl export',
  chooseFiles: 'Choose labelled notice files',
  chooseFolder: 'Choose a folder of labelled notices',
  taskImport: 'Reading notices {done}/{total}',
  taskTrain: 'Training the local model…',
  taskCompare: 'Cross-validating: fold {done}/{total}',
  taskProgress: 'Learning progress',
  cancel: 'Cancel',
  historySummary:
    'History: {total} notices — {examples} usable, {unlabelled} without label, {ignored} ignored, {unknown} with unknown labels',
  importErrors: 'Could not be read ({n})',
  unknownTitle: 'Unknown labels: map them onto the taxonomy, or ignore them',
  unknownRaw: 'As written',
  unknownCount: 'Notices',
  unknownWhere: 'Found in',
  unknownMap: 'Map to',
  mapFor: 'Map “{raw}” to',
  mapChoose: 'Choose…',
  mapIgnore: 'Ignore (not used for training)',
  distribution: 'Label distribution (level 1)',
  distributionCount: '{n}',
  distributionPaths: 'By full path ({n})',
  model: 'Model in use',
  modelShipped: 'Shipped model (not trained on this office’s data)',
  modelLocal:
    'Local model: trained {trainedAt} on {history} history notices and {decisions} decisions; {updates} decisions learnt since',
  modelUpdatesOnly:
    'Local model: the shipped model plus {updates} decisions learnt one by one (no history training yet)',
  trainTime: 'Last training took {s} s',
  train: 'Train the local model',
  compare: 'Cross-validate (5 folds)',
  exportModel: 'Export the local model',
  importModel: 'Import a model file',
  resetModel: 'Reset to the shipped model',
  resetConfirm:
    'Reset to the shipped model? The local model is deleted (export it first to keep it).',
  clearHistory: 'Clear the history',
  clearConfirm: 'Clear the imported history? Decisions on the desk are kept.',
  figures: 'What learning bought (cross-validation, same folds)',
  figuresNote:
    '{k}-fold cross-validation on {n} of the office’s labelled notices ({n2} with a level-2 label); each fold’s local model is trained on the other folds only. {sample}Took {s} s, {at}.',
  figuresSample: '{n} spread over {available}. ',
  metric: 'Measure',
  shipped: 'Shipped',
  local: 'Local',
  top1l1: 'Level 1 top-1',
  top3l1: 'Level 1 top-3',
  top1l2: 'Level 2 top-1',
  top3l2: 'Level 2 top-3',
  noFigures: 'Not cross-validated yet: import a history, then press Cross-validate.',
  rescored: 'Pending suggestions updated to the new model {done}/{total}',
  auditTitle: 'Audit: notices whose label the model confidently disputes',
  auditThreshold: 'Minimum confidence',
  auditEmpty: 'Nothing to audit: the labels agree with the model, or it is unsure.',
  auditCount: '{n} to audit (most confident first)',
  colTitle: 'Title',
  colOriginal: 'Label',
  colSuggested: 'Model',
  colConfidence: 'Confidence',
  colEvidence: 'Evidence',
  colActions: 'Actions',
  levelDiffers1: 'class differs',
  levelDiffers2: 'sub-class differs',
  acceptSuggestion: 'Change to {path}',
  keepOriginal: 'Keep {path}',
  openInDesk: 'Open on the desk',
  showEvidence: 'Show evidence',
  evidenceLoading: 'Computing…',
  noEvidence: 'No strong evidence words',
  untitled: '(untitled)',
};

const DICTIONARIES: Readonly<Record<Language, Readonly<Record<LearnKey, string>>>> = { zh, en };

export type LearnTranslate = (
  key: LearnKey,
  vars?: Readonly<Record<string, string | number>>,
) => string;

export function translateLearn(
  language: Language,
  key: LearnKey,
  vars?: Readonly<Record<string, string | number>>,
): string {
  return fillTemplate(DICTIONARIES[language][key], vars);
}

export function useLearnT(): LearnTranslate {
  const language = useDesk((s) => s.settings.language);
  return useCallback<LearnTranslate>(
    (key, vars) => translateLearn(language, key, vars),
    [language],
  );
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AugmentDescription</name>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>rotate ±%1°, scale %2–%3, shear ±%4, shift ±%5 px, elastic α %6 σ %7, thicken %8, thin %9</source>
        <translation>旋转 ±%1°，缩放 %2–%3，错切 ±%4，平移 ±%5 像素，弹性变形 α %6 σ %7，加粗概率 %8，变细概率 %9</translation>
    </message>
</context>
<context>
    <name>AugmentPreview</name>
    <message>
        <source>no training images in &apos;%1&apos;</source>
        <translation>“%1”中没有训练图像</translation>
    </message>
    <message>
        <source>No training images to show</source>
        <translation>没有可显示的训练图像</translation>
    </message>
    <message>
        <source>Loading training images…</source>
        <translation>正在加载训练图像…</translation>
    </message>
    <message>
        <source>Training image %1, digit %2</source>
        <translation>训练图像 %1，数字 %2</translation>
    </message>
    <message>
        <source>The training images in &apos;%1&apos; cannot be read.</source>
        <translation>无法读取“%1”中的训练图像。</translation>
    </message>
    <message>
        <source>These settings cannot distort the training images.</source>
        <translation>无法用这些设置对训练图像做变形。</translation>
    </message>
</context>
<context>
    <name>CheckpointErrorText</name>
    <message>
        <source>the checkpoint &apos;%1&apos; was saved by a run with other settings or data</source>
        <translation>检查点“%1”是由另一组设置或数据的训练保存的</translation>
    </message>
</context>
<context>
    <name>ConfusionCellDialog</name>
    <message>
        <source>True %1, answered %1</source>
        <translation>真实为 %1，回答为 %1</translation>
    </message>
    <message>
        <source>True %1, answered %2</source>
        <translation>真实为 %1，回答为 %2</translation>
    </message>
    <message>
        <source>1 %1 image</source>
        <translation>1 张%1图像</translation>
    </message>
    <message>
        <source>%1 %2 images</source>
        <translation>%1 张%2图像</translation>
    </message>
    <message>
        <source>%1 of a %2 that the network read as %3.</source>
        <translation>真实为 %2、被网络识别为 %3 的图像：%1。</translation>
    </message>
    <message>
        <source> Showing the first %1.</source>
        <translation> 仅显示前 %1 张。</translation>
    </message>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <source>%1 image %2. Click to look at it on the Recognize tab.</source>
        <translation>%1图像 %2。点击可在“识别”页查看。</translation>
    </message>
    <message>
        <source>%1 image %2: true %3, the trained model answered %4</source>
        <translation>%1图像 %2：真实为 %3，训练出的模型回答 %4</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrixView</name>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>The confusion matrix appears after the first epoch.</source>
        <translation>第一轮结束后显示混淆矩阵。</translation>
    </message>
    <message>
        <source>True %1, answered %1: %2 of %3%4 right</source>
        <translation>真实为 %1，回答为 %1：%3 张中 %2 张正确%4</translation>
    </message>
    <message>
        <source>True %1, answered %2: %3 of %4%5</source>
        <translation>真实为 %1，回答为 %2：%4 张中 %3 张%5</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>类别 %1：%2</translation>
    </message>
</context>
<context>
    <name>DataErrorText</name>
    <message>
        <source>the data folder &apos;%1&apos; does not exist</source>
        <translation>数据文件夹“%1”不存在</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder</source>
        <translation>“%1”不是文件夹</translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; has no test images and labels (t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte)</source>
        <translation>文件夹“%1”中没有测试图像和标签（t10k-images-idx3-ubyte、t10k-labels-idx1-ubyte）</translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; has no training images and labels (train-images-idx3-ubyte, train-labels-idx1-ubyte)</source>
        <translation>文件夹“%1”中没有训练图像和标签（train-images-idx3-ubyte、train-labels-idx1-ubyte）</translation>
    </message>
    <message>
        <source>cannot read the data file &apos;%1&apos; (%2)</source>
        <translation>无法读取数据文件“%1”（%2）</translation>
    </message>
    <message>
        <source>no MNIST data folder is set</source>
        <translation>未设置 MNIST 数据文件夹</translation>
    </message>
    <message>
        <source>the images in &apos;%1&apos; are not %2×%2 digits</source>
        <translation>“%1”中的图像不是 %2×%2 的数字</translation>
    </message>
    <message>
        <source>the test images in &apos;%1&apos; are not the size of its training images</source>
        <translation>“%1”中的测试图像与其训练图像大小不同</translation>
    </message>
    <message>
        <source>the drawings in &apos;%1&apos; are not the size of the training images</source>
        <translation>“%1”中的手写图与训练图像大小不同</translation>
    </message>
    <message>
        <source>the class-names file &apos;%1&apos; does not name each class of the data on a line of its own</source>
        <translation>类别名称文件“%1”没有为数据的每个类别各用一行写出名称</translation>
    </message>
    <message>
        <source>the drawn digits in &apos;%1&apos; are damaged</source>
        <translation>“%1”中的手写数字集已损坏</translation>
    </message>
</context>
<context>
    <name>DivergenceText</name>
    <message>
        <source>loss became NaN at epoch %1, batch %2</source>
        <translation>损失在第 %1 轮第 %2 批变为 NaN</translation>
    </message>
    <message>
        <source>loss became infinite at epoch %1, batch %2</source>
        <translation>损失在第 %1 轮第 %2 批变为无穷大</translation>
    </message>
    <message>
        <source>loss exploded to %1 at epoch %2, batch %3 (the limit is %4, %5 times the first batch&apos;s loss of %6 counted as %7)</source>
        <translation>损失在第 %2 轮第 %3 批暴涨到 %1（上限为 %4，即第一批损失 %6（按 %7 计）的 %5 倍）</translation>
    </message>
    <message>
        <source>loss exploded to %1 at epoch %2, batch %3 (the limit is %4, %5 times the first batch&apos;s loss of %6)</source>
        <translation>损失在第 %2 轮第 %3 批暴涨到 %1（上限为 %4，即第一批损失 %6 的 %5 倍）</translation>
    </message>
    <message>
        <source>kept the weights from before training (try a lower learning rate)</source>
        <translation>保留了训练前的权重（请尝试更低的学习率）</translation>
    </message>
    <message>
        <source>kept the weights from the end of epoch %1 (try a lower learning rate)</source>
        <translation>保留了第 %1 轮结束时的权重（请尝试更低的学习率）</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <comment>a divergence, then what was kept</comment>
        <translation>%1；%2</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw a digit. Enter recognises, Backspace clears, Ctrl+Z undoes the last step.
You can also drop an image file here.</source>
        <translation>在此写一个数字。Enter 识别，Backspace 清除，Ctrl+Z 撤销上一步。
也可以把图像文件拖放到这里。</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Stroke</source>
        <translation>笔画</translation>
    </message>
</context>
<context>
    <name>DrawingErrorText</name>
    <message>
        <source>there are no drawings</source>
        <translation>没有任何手写图</translation>
    </message>
    <message>
        <source>every drawing is held out for scoring, none is left to learn from</source>
        <translation>所有手写图都被留出用于打分，没有可供学习的手写图</translation>
    </message>
    <message>
        <source>the drawing &apos;%1&apos; is not labelled with a digit 0–9</source>
        <translation>手写图“%1”的标签不是 0–9 的数字</translation>
    </message>
    <message>
        <source>the drawing &apos;%1&apos; holds no ink</source>
        <translation>手写图“%1”不含笔迹</translation>
    </message>
    <message>
        <source>the model does not read %1×%1 digits into %2 classes</source>
        <translation>该模型不能把 %1×%1 的数字图像分为 %2 类</translation>
    </message>
</context>
<context>
    <name>ErrorKindText</name>
    <message>
        <source>an unexpected error occurred</source>
        <translation>发生了意外错误</translation>
    </message>
</context>
<context>
    <name>FineTuneWorker</name>
    <message>
        <source>cannot read &apos;%1&apos;: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
</context>
<context>
    <name>InputPreview</name>
    <message>
        <source>The 28×28 image the network sees</source>
        <translation>网络看到的 28×28 图像</translation>
    </message>
    <message>
        <source>network input</source>
        <translation>网络输入</translation>
    </message>
</context>
<context>
    <name>LayerListDialog</name>
    <message>
        <source>Layers</source>
        <translation>网络层</translation>
    </message>
    <message>
        <source>The network&apos;s layers from the input down; double-click a layer to edit it as text</source>
        <translation>网络的各层，从输入往下排列；双击某一层可按文本编辑</translation>
    </message>
    <message>
        <source>Dense (units)</source>
        <translation>全连接层（单元数）</translation>
    </message>
    <message>
        <source>Convolution 5×5 (channels)</source>
        <translation>5×5 卷积层（通道数）</translation>
    </message>
    <message>
        <source>Max pooling (window)</source>
        <translation>最大池化（窗口）</translation>
    </message>
    <message>
        <source>Dropout (percent)</source>
        <translation>Dropout（百分比）</translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add the layer below the selected one (at the end when none is selected)</source>
        <translation>在选中层的下方添加该层（未选中时添加到末尾）</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Add at least one layer.</source>
        <translation>请至少添加一层。</translation>
    </message>
    <message>
        <source>%1 parameters; 10 outputs, one per digit.</source>
        <translation>%1 个参数；10 个输出，每个数字一个。</translation>
    </message>
    <message>
        <source>The last layers give %1 outputs; the digits need 10 (end with dense10).</source>
        <translation>最后几层给出 %1 个输出；数字需要 10 个（请以 dense10 结尾）。</translation>
    </message>
    <message>
        <source>Layer %1 (%2) gives %3 × %4 × %5 values, %6 parameters.</source>
        <translation>第 %1 层（%2）输出 %3 × %4 × %5 个值，%6 个参数。</translation>
    </message>
    <message>
        <source>The layers %1 cannot be built.</source>
        <translation>无法构建层 %1。</translation>
    </message>
</context>
<context>
    <name>LookInsidePanel</name>
    <message>
        <source>Look &amp;inside</source>
        <translation>内部观察(&amp;I)</translation>
    </message>
    <message>
        <source>Show or hide what the network does with the drawing: why this digit, every layer&apos;s output and the first layer&apos;s filters (Ctrl+I)</source>
        <translation>显示或隐藏网络如何处理这幅手写：为什么是这个数字、每一层的输出以及第一层的滤波器（Ctrl+I）</translation>
    </message>
    <message>
        <source>The network&apos;s input, its ink coloured by how much each pixel pushed the answer toward the winner or toward the runner-up (input × gradient of the difference of their scores)</source>
        <translation>网络的输入：按每个像素把答案推向第一名或第二名的程度为笔迹着色（输入 × 两者得分之差的梯度）</translation>
    </message>
    <message>
        <source>Why this digit</source>
        <translation>为什么是这个数字</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>Each layer&apos;s output for this drawing: maps for convolutions and pooling, a strip of units for dense layers. Bright is strong, blue negative.</source>
        <translation>每一层对这幅手写的输出：卷积层和池化层显示特征图，全连接层显示一排单元。越亮越强，蓝色为负值。</translation>
    </message>
    <message>
        <source>First-layer filters</source>
        <translation>第一层滤波器</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>The model has no weights to show.</source>
        <translation>该模型没有可显示的权重。</translation>
    </message>
    <message>
        <source>After Enter, the ink is coloured by what it did:&lt;br&gt;%1 pushed toward the answer&lt;br&gt;%2 pushed toward the runner-up</source>
        <translation>按 Enter 后，笔迹按其作用着色：&lt;br&gt;%1 推向答案&lt;br&gt;%2 推向第二名</translation>
    </message>
    <message>
        <source>map %1: values %2 to %3</source>
        <translation>特征图 %1：取值 %2 到 %3</translation>
    </message>
    <message>
        <source>class %1: %2</source>
        <translation>类别 %1：%2</translation>
    </message>
    <message>
        <source>unit %1: %2</source>
        <translation>单元 %1：%2</translation>
    </message>
    <message>
        <source>%1 pushed toward &lt;b&gt;%2&lt;/b&gt;, %3 against it</source>
        <translation>%1 推向 &lt;b&gt;%2&lt;/b&gt;，%3 起反作用</translation>
    </message>
    <message>
        <source>%1 pushed toward &lt;b&gt;%2&lt;/b&gt; (the answer)&lt;br&gt;%3 pushed toward &lt;b&gt;%4&lt;/b&gt; (the runner-up)</source>
        <translation>%1 推向 &lt;b&gt;%2&lt;/b&gt;（答案）&lt;br&gt;%3 推向 &lt;b&gt;%4&lt;/b&gt;（第二名）</translation>
    </message>
    <message>
        <source>The model averages %1 networks; these are the layers of the first. &quot;Why this digit&quot; above is their mean.</source>
        <translation>该模型取 %1 个网络的平均；这里显示的是第一个网络的各层。上方的“为什么是这个数字”是它们的平均。</translation>
    </message>
</context>
<context>
    <name>LossChart</name>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>训练准确率</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>DigitPad models (*.dpm)</source>
        <translation>DigitPad 模型 (*.dpm)</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>&amp;Recognize</source>
        <translation>识别(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>trained just now, not saved</source>
        <translation>刚训练完成，未保存</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;image…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Recognize tab</source>
        <translation>“识别”页(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Train tab</source>
        <translation>“训练”页(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation>模型另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export as ONNX…</source>
        <translation>导出为 ONNX(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the model for other programs and runtimes (ONNX, opset 11)</source>
        <translation>将模型写出，供其他程序和运行时使用（ONNX，opset 11）</translation>
    </message>
    <message>
        <source>&amp;Recent models</source>
        <translation>最近的模型(&amp;R)</translation>
    </message>
    <message>
        <source>Use &amp;bundled model</source>
        <translation>使用自带模型(&amp;B)</translation>
    </message>
    <message>
        <source>Too&amp;ls</source>
        <translation>工具(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;My digits…</source>
        <translation>我的数字(&amp;M)…</translation>
    </message>
    <message>
        <source>Browse, delete and export the drawings you kept on the Recognize tab</source>
        <translation>浏览、删除和导出在“识别”页保存的手写图</translation>
    </message>
    <message>
        <source>&amp;Teach…</source>
        <translation>学习我的笔迹(&amp;T)…</translation>
    </message>
    <message>
        <source>Fine-tune the model in use on the drawings you kept</source>
        <translation>用你保存的手写图微调当前模型</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About DigitPad</source>
        <translation>关于 DigitPad(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>

It was removed from Recent models.</source>
        <translation>

已将其从“最近的模型”中移除。</translation>
    </message>
    <message>
        <source>Cannot open model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>Opened model %1</source>
        <translation>已打开模型 %1</translation>
    </message>
    <message>
        <source>Cannot save model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <source>Saved model to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message>
        <source>Cannot export model</source>
        <translation>无法导出模型</translation>
    </message>
    <message>
        <source>Exported the model as ONNX to %1</source>
        <translation>已将模型以 ONNX 格式导出到 %1</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <source>Resume training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Resume the training interrupted at epoch %1 of %2?</source>
        <translation>要继续在第 %1 轮（共 %2 轮）中断的训练吗？</translation>
    </message>
    <message>
        <source>DigitPad was closed while training %1 on &apos;%2&apos;. Resume continues from epoch %3 with the same result as a run that never stopped.</source>
        <translation>DigitPad 在用“%2”训练 %1 时被关闭。继续训练将从第 %3 轮接着进行，结果与从未中断的训练完全相同。</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>No model could be loaded: train one in the Train tab or open one (Model ▸ Open model…)</source>
        <translation>未能加载任何模型：请在“训练”页训练一个，或打开一个（模型 ▸ 打开模型…）</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>%1[*] — DigitPad</source>
        <translation>%1[*] — DigitPad</translation>
    </message>
    <message>
        <source>Teaching in progress</source>
        <translation>正在学习你的笔迹</translation>
    </message>
    <message>
        <source>DigitPad is learning your handwriting. Stop and quit? The model in use stays as it is.</source>
        <translation>DigitPad 正在学习你的笔迹。要停止并退出吗？当前模型保持不变。</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it and quit?</source>
        <translation>训练正在进行。要停止并退出吗？</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Save model as</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <source>Export as ONNX</source>
        <translation>导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>No bundled model</source>
        <translation>没有自带模型</translation>
    </message>
    <message>
        <source>Using the tuned model %1</source>
        <translation>正在使用微调后的模型 %1</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>About DigitPad</source>
        <translation>关于 DigitPad</translation>
    </message>
    <message>
        <source>&lt;h3&gt;DigitPad %1&lt;/h3&gt;&lt;p&gt;Draw a digit and a neural network you can train yourself recognises it.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License, version 3 or (at your option) any later version (GPL-3.0-or-later).&lt;/p&gt;&lt;p&gt;Built with Qt %2, Eigen and &lt;a href=&quot;https://www.qcustomplot.com/&quot;&gt;QCustomPlot&lt;/a&gt; by Emanuel Eichhammer (GPL). Handwritten digits from the MNIST database by Yann LeCun, Corinna Cortes and Christopher Burges.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;DigitPad %1&lt;/h3&gt;&lt;p&gt;写一个数字，由你可以亲手训练的神经网络来识别。&lt;/p&gt;&lt;p&gt;依据 GNU 通用公共许可证第 3 版或（由你选择）任何更新的版本（GPL-3.0-or-later）授权。&lt;/p&gt;&lt;p&gt;使用 Qt %2、Eigen 以及 Emanuel Eichhammer 的 &lt;a href=&quot;https://www.qcustomplot.com/&quot;&gt;QCustomPlot&lt;/a&gt;（GPL）构建。手写数字来自 Yann LeCun、Corinna Cortes 和 Christopher Burges 的 MNIST 数据库。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>DigitPad cannot open the model %1.</source>
        <translation>DigitPad 无法打开模型 %1。</translation>
    </message>
    <message>
        <source>DigitPad cannot save the model to %1.</source>
        <translation>DigitPad 无法将模型保存到 %1。</translation>
    </message>
    <message>
        <source>DigitPad cannot export the model to %1.</source>
        <translation>DigitPad 无法将模型导出到 %1。</translation>
    </message>
    <message>
        <source>DigitPad cannot open the image %1.</source>
        <translation>DigitPad 无法打开图像 %1。</translation>
    </message>
    <message>
        <source>The model that comes with DigitPad is missing. Installing DigitPad again brings it back.</source>
        <translation>DigitPad 自带的模型不见了。重新安装 DigitPad 即可恢复。</translation>
    </message>
    <message>
        <source>default.dpm was not found next to the program (../share/digitpad/models) or in the source tree.</source>
        <translation>在程序旁（../share/digitpad/models）和源代码目录中都没有找到 default.dpm。</translation>
    </message>
    <message>
        <source>The interrupted training cannot be resumed: its checkpoint %1 cannot be read.</source>
        <translation>无法继续被中断的训练：无法读取其检查点 %1。</translation>
    </message>
</context>
<context>
    <name>MistakesGallery</name>
    <message>
        <source>Misclassified test images</source>
        <translation>识别错误的测试图像</translation>
    </message>
    <message>
        <source>When a run ends, its model&apos;s mistakes on the test set appear here, the most confidently wrong first.</source>
        <translation>训练结束后，模型在测试集上的错误会显示在这里，最自信的错误排在最前。</translation>
    </message>
    <message>
        <source>%1 of %2 test images misclassified, the most confidently wrong first.</source>
        <translation>%2 张测试图像中有 %1 张识别错误，最自信的错误排在最前。</translation>
    </message>
    <message>
        <source> Showing the first %1.</source>
        <translation> 仅显示前 %1 张。</translation>
    </message>
    <message>
        <source> Click one to look at it on the Recognize tab.</source>
        <translation> 点击一张可在“识别”页查看。</translation>
    </message>
    <message>
        <source>%1 → %2
%3 %</source>
        <translation>%1 → %2
%3 %</translation>
    </message>
    <message>
        <source>Test image %1: true %2, answered %3 with %4 % probability</source>
        <translation>测试图像 %1：真实为 %2，以 %4 % 的概率回答 %3</translation>
    </message>
    <message>
        <source>test image %1: true %2, the trained model answered %3 (%4 %)</source>
        <translation>测试图像 %1：真实为 %2，训练出的模型回答 %3（%4 %）</translation>
    </message>
</context>
<context>
    <name>ModelLibrary</name>
    <message>
        <source>the bundled model default.dpm was not found</source>
        <translation>没有找到自带模型 default.dpm</translation>
    </message>
    <message>
        <source>the last used model &apos;%1&apos; no longer exists</source>
        <translation>上次使用的模型“%1”已不存在</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>, test accuracy %1 %</source>
        <translation>，测试准确率 %1 %</translation>
    </message>
    <message>
        <source>the model &apos;%1&apos; cannot be opened</source>
        <translation>无法打开模型“%1”</translation>
    </message>
    <message>
        <source>an ensemble of %1 networks (the first: %2)</source>
        <translation>%1 个网络的集成（第一个：%2）</translation>
    </message>
    <message>
        <source>an ensemble of %1 networks</source>
        <translation>%1 个网络的集成</translation>
    </message>
</context>
<context>
    <name>MyAccuracy</name>
    <message>
        <source>1 drawing</source>
        <translation>1 幅手写图</translation>
    </message>
    <message>
        <source>%1 drawings</source>
        <translation>%1 幅手写图</translation>
    </message>
    <message>
        <source>My accuracy: no model</source>
        <translation>我的准确率：没有模型</translation>
    </message>
    <message>
        <source>My accuracy: measuring…</source>
        <translation>我的准确率：正在测量…</translation>
    </message>
    <message>
        <source>My accuracy: cannot be measured</source>
        <translation>我的准确率：无法测量</translation>
    </message>
    <message>
        <source>My accuracy: no drawings kept yet</source>
        <translation>我的准确率：尚未保存手写图</translation>
    </message>
    <message>
        <source>My accuracy: %1 of %2 (last %3: %4)</source>
        <translation>我的准确率：%1（共 %2；最近 %3 幅：%4）</translation>
    </message>
    <message>
        <source>My accuracy: %1 of %2</source>
        <translation>我的准确率：%1（共 %2）</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>How the model in use does on the drawings you kept (Tools ▸ My digits…)</source>
        <translation>当前模型在你保存的手写图上的表现（工具 ▸ 我的数字…）</translation>
    </message>
    <message>
        <source>Per digit, with the model in use:</source>
        <translation>各数字（使用当前模型）：</translation>
    </message>
    <message>
        <source>%1: none kept</source>
        <translation>%1：未保存</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2（共 %3 幅）</translation>
    </message>
    <message>
        <source>After an answer, press the digit&apos;s key to keep the drawing; then this shows how the model does on your handwriting.</source>
        <translation>得到答案后，按下该数字的键即可保存这幅手写图；之后这里会显示模型识别你笔迹的表现。</translation>
    </message>
    <message>
        <source>Kept files that could not be read (skipped): %1</source>
        <translation>无法读取的已保存文件（已跳过）：%1</translation>
    </message>
</context>
<context>
    <name>MyDigitsDialog</name>
    <message>
        <source>My digits</source>
        <translation>我的数字</translation>
    </message>
    <message>
        <source>All digits</source>
        <translation>全部数字</translation>
    </message>
    <message>
        <source>Wrong answers</source>
        <translation>回答错误的</translation>
    </message>
    <message>
        <source>Digit %1</source>
        <translation>数字 %1</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected drawings (Delete; Ctrl+Z brings them back)</source>
        <translation>删除选中的手写图（Delete；Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Copy the drawings (a sample folder: one subfolder per digit) to a folder</source>
        <translation>把手写图复制到一个文件夹（样本文件夹：每个数字一个子文件夹）</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>Drawn %1</source>
        <translation>绘于 %1</translation>
    </message>
    <message>
        <source>%1
no answer kept</source>
        <translation>%1
未保存答案</translation>
    </message>
    <message>
        <source>
No answer of a model was kept with it</source>
        <translation>
保存时没有记录模型的答案</translation>
    </message>
    <message>
        <source>%1 ✓</source>
        <translation>%1 ✓</translation>
    </message>
    <message>
        <source>
The model answered %1 (%2 %)</source>
        <translation>
模型回答 %1（%2 %）</translation>
    </message>
    <message>
        <source>%1 ✗
answered %2</source>
        <translation>%1 ✗
回答 %2</translation>
    </message>
    <message>
        <source>
Kept %1</source>
        <translation>
保存于 %1</translation>
    </message>
    <message>
        <source>
Model: %1</source>
        <translation>
模型：%1</translation>
    </message>
    <message>
        <source>No drawings kept yet. On the Recognize tab, after an answer, press the digit&apos;s key to keep the drawing.</source>
        <translation>尚未保存手写图。在“识别”页得到答案后，按下该数字的键即可保存。</translation>
    </message>
    <message>
        <source>1 drawing</source>
        <translation>1 幅手写图</translation>
    </message>
    <message>
        <source>%1 drawings</source>
        <translation>%1 幅手写图</translation>
    </message>
    <message>
        <source>, %1 answered wrongly when kept</source>
        <translation>，其中 %1 幅保存时回答错误</translation>
    </message>
    <message>
        <source> (%1 shown)</source>
        <translation>（显示 %1 幅）</translation>
    </message>
    <message>
        <source>. %1 could not be read (see the tooltip)</source>
        <translation>。%1 幅无法读取（见提示）</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export my digits to</source>
        <translation>将我的数字导出到</translation>
    </message>
    <message>
        <source>DigitPad cannot move the drawings.</source>
        <translation>DigitPad 无法移动这些手写图。</translation>
    </message>
    <message>
        <source>DigitPad cannot export your drawings to %1.</source>
        <translation>DigitPad 无法将你的手写图导出到 %1。</translation>
    </message>
</context>
<context>
    <name>MyDigitsStore</name>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>cannot replace &apos;%1&apos;</source>
        <translation>无法替换“%1”</translation>
    </message>
    <message>
        <source>cannot move &apos;%1&apos; to &apos;%2&apos;: %3</source>
        <translation>无法将“%1”移动到“%2”：%3</translation>
    </message>
    <message>
        <source>label %1 is not a digit 0–9</source>
        <translation>标签 %1 不是 0–9 的数字</translation>
    </message>
    <message>
        <source>there is no image to keep</source>
        <translation>没有可保存的图像</translation>
    </message>
    <message>
        <source>cannot create the folder &apos;%1&apos;</source>
        <translation>无法创建文件夹“%1”</translation>
    </message>
    <message>
        <source>cannot encode the drawing as PNG</source>
        <translation>无法将手写图编码为 PNG</translation>
    </message>
    <message>
        <source>there is no kept drawing &apos;%1&apos; in &apos;%2&apos;</source>
        <translation>“%2”中没有已保存的手写图“%1”</translation>
    </message>
    <message>
        <source>the drawing &apos;%1&apos; is not in the trash of &apos;%2&apos;</source>
        <translation>手写图“%1”不在“%2”的回收站中</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is the My digits folder itself</source>
        <translation>“%1”就是“我的数字”文件夹本身</translation>
    </message>
    <message>
        <source>cannot copy &apos;%1&apos; to &apos;%2&apos;</source>
        <translation>无法将“%1”复制到“%2”</translation>
    </message>
</context>
<context>
    <name>PerClassAccuracyChart</name>
    <message>
        <source>right (%)</source>
        <translation>正确率 (%)</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Accuracy per class</source>
        <translation>各类别准确率</translation>
    </message>
    <message>
        <source>%1: no samples</source>
        <translation>%1：无样本</translation>
    </message>
    <message>
        <source>%1: %2 % right (%3 of %4)</source>
        <translation>%1：正确率 %2 %（%4 张中 %3 张）</translation>
    </message>
</context>
<context>
    <name>PresetDescription</name>
    <message>
        <source>784-128-64-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64</source>
        <translation>784-128-64-10，ReLU，softmax，He 初始化；交叉熵，Adam 1e-3，批大小 64</translation>
    </message>
    <message>
        <source>784-100-10 sigmoid everywhere, small-normal init; MSE, SGD 0.1, sample by sample</source>
        <translation>784-100-10，全部使用 sigmoid，小正态分布初始化；均方误差，SGD 0.1，逐个样本</translation>
    </message>
    <message>
        <source>784-64-16-10 sigmoid, softmax, Xavier init; cross-entropy, SGD 0.2, batch 128</source>
        <translation>784-64-16-10，sigmoid，softmax，Xavier 初始化；交叉熵，SGD 0.2，批大小 128</translation>
    </message>
    <message>
        <source>784-25-25-10 ReLU, softmax, He init; cross-entropy, Adam 1e-3, batch 64</source>
        <translation>784-25-25-10，ReLU，softmax，He 初始化；交叉熵，Adam 1e-3，批大小 64</translation>
    </message>
    <message>
        <source>LeNet-style CNN: conv 5x5 1→8, pool 2, conv 5x5 8→16, pool 2, dense 256→128→10; cross-entropy, Adam 1e-3 (1e-4 from epoch 5), batch 64</source>
        <translation>LeNet 式卷积网络：卷积 5x5 1→8，池化 2，卷积 5x5 8→16，池化 2，全连接 256→128→10；交叉熵，Adam 1e-3（从第 5 轮起 1e-4），批大小 64</translation>
    </message>
    <message>
        <source>wider LeNet: conv 5x5 24, pool 2, conv 5x5 48, pool 2, dense 256, dropout 40 %; cross-entropy, Adam 1e-3 halved every 5 epochs, batch 64, 15 epochs</source>
        <translation>加宽的 LeNet：卷积 5x5 24，池化 2，卷积 5x5 48，池化 2，全连接 256，dropout 40%；交叉熵，Adam 1e-3 每 5 轮减半，批大小 64，15 轮</translation>
    </message>
    <message>
        <source>LeNet-style CNN tuned for time to 99 %: conv 5x5 8, pool 2, conv 5x5 16, pool 2, dense 128; cross-entropy with label smoothing 0.1, Adam one-cycle to 8e-3, batch 64, 2 epochs</source>
        <translation>为最快达到 99% 而调的 LeNet 式 CNN：卷积 5x5 8，池化 2，卷积 5x5 16，池化 2，全连接 128；带 0.1 标签平滑的交叉熵，Adam 单周期学习率（峰值 8e-3），批大小 64，2 轮</translation>
    </message>
    <message>
        <source>wider LeNet tuned for time to 99.5 %: conv 5x5 24, pool 2, conv 5x5 48, pool 2, dense 256, dropout 40 %; augmentation at strength 0.5; cross-entropy with label smoothing 0.1, Adam one-cycle to 3e-3, batch 64, 6 epochs</source>
        <translation>为最快达到 99.5% 而调的加宽 LeNet：卷积 5x5 24，池化 2，卷积 5x5 48，池化 2，全连接 256，dropout 40%；强度 0.5 的数据增强；带 0.1 标签平滑的交叉熵，Adam 单周期学习率（峰值 3e-3），批大小 64，6 轮</translation>
    </message>
</context>
<context>
    <name>ProbabilityChart</name>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>ProbabilityText</name>
    <message>
        <source>&gt; 99.9 %</source>
        <translation>&gt; 99.9 %</translation>
    </message>
    <message>
        <source>&lt; 0.1 %</source>
        <translation>&lt; 0.1 %</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>RecognizePanel</name>
    <message>
        <source>Reco&amp;gnise</source>
        <translation>识别(&amp;G)</translation>
    </message>
    <message>
        <source>Recognise the drawing (Enter)</source>
        <translation>识别手写（Enter）</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <source>Clear the canvas (Backspace; Ctrl+Z brings the drawing back)</source>
        <translation>清空画布（Backspace；Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <source>Recognise</source>
        <translation>识别</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>MNIST framing</source>
        <translation>MNIST 裁剪居中</translation>
    </message>
    <message>
        <source>Resize whole canvas</source>
        <translation>缩放整个画布</translation>
    </message>
    <message>
        <source>Crop to the ink, fit into 20×20, centre by mass (as MNIST was made)</source>
        <translation>裁剪到笔迹，缩放到 20×20，按质心居中（与 MNIST 的制作方式相同）</translation>
    </message>
    <message>
        <source>Shrink the whole canvas to 28×28 (the classic tutorials&apos; way)</source>
        <translation>把整个画布缩小到 28×28（经典教程的做法）</translation>
    </message>
    <message>
        <source>Corrections after framing that the model was trained with and applies to every drawing: deskew straightens slanted writing, stroke width thins or thickens the ink toward MNIST&apos;s. The 28×28 preview shows their result.</source>
        <translation>裁剪居中之后的校正，模型训练时用过，也会用于每一幅手写：倾斜校正把倾斜的字扶正，笔画粗细把笔迹调细或调粗，接近 MNIST 的粗细。28×28 预览显示其结果。</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Recognise after every stroke (answers marked provisional)</source>
        <translation>每写一笔就识别（答案标为临时）</translation>
    </message>
    <message>
        <source>&amp;Pen</source>
        <translation>笔(&amp;P)</translation>
    </message>
    <message>
        <source>Pen width in canvas pixels (the canvas is 280 wide)</source>
        <translation>笔宽，以画布像素计（画布宽 280）</translation>
    </message>
    <message>
        <source>Cannot open image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <source>What the network sees:
28×28, ink bright</source>
        <translation>网络看到的：
28×28，笔迹为亮色</translation>
    </message>
    <message>
        <source>Keep as %1</source>
        <translation>保存为 %1</translation>
    </message>
    <message>
        <source>It is:</source>
        <translation>它是：</translation>
    </message>
    <message>
        <source>Press the digit&apos;s key to keep this drawing with its label: the answer&apos;s key confirms it, another key corrects it.</source>
        <translation>按下数字键即可连同标签保存这幅手写：按答案的键表示确认，按其他键表示更正。</translation>
    </message>
    <message>
        <source>Cannot keep the drawing</source>
        <translation>无法保存手写图</translation>
    </message>
    <message>
        <source>1 drawing</source>
        <translation>1 幅手写图</translation>
    </message>
    <message>
        <source>%1 drawings</source>
        <translation>%1 幅手写图</translation>
    </message>
    <message>
        <source>Kept as %1 — My digits: %2</source>
        <translation>已保存为 %1 — 我的数字：%2</translation>
    </message>
    <message>
        <source>Kept as %1 (the answer was %2) — My digits: %3</source>
        <translation>已保存为 %1（答案是 %2）— 我的数字：%3</translation>
    </message>
    <message>
        <source>Keep as %1 (confirms the answer)</source>
        <translation>保存为 %1（确认答案）</translation>
    </message>
    <message>
        <source>It is %1, as answered: keep the drawing (key %1)</source>
        <translation>是 %1，与答案相同：保存这幅手写（按键 %1）</translation>
    </message>
    <message>
        <source>It is %1: keep the drawing with this correction (key %1)</source>
        <translation>是 %1：按此更正保存这幅手写（按键 %1）</translation>
    </message>
    <message>
        <source>deskew</source>
        <translation>倾斜校正</translation>
    </message>
    <message>
        <source>stroke width</source>
        <translation>笔画粗细</translation>
    </message>
    <message>
        <source>+ no steps</source>
        <translation>+ 无步骤</translation>
    </message>
    <message>
        <source>+ %1</source>
        <translation>+ %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>, light ink on dark inverted</source>
        <translation>，已将深底浅字反转</translation>
    </message>
    <message>
        <source>, uneven paper evened out</source>
        <translation>，已校正不均匀的纸张</translation>
    </message>
    <message>
        <source>Opened %1 (%2×%3%4)</source>
        <translation>已打开 %1（%2×%3%4）</translation>
    </message>
    <message>
        <source>No model loaded (Model ▸ Open model…)</source>
        <translation>未加载模型（模型 ▸ 打开模型…）</translation>
    </message>
    <message>
        <source>This model expects %1 inputs, not a 28×28 image</source>
        <translation>该模型需要 %1 个输入，而不是 28×28 的图像</translation>
    </message>
    <message>
        <source>Nothing to recognise</source>
        <translation>没有可识别的内容</translation>
    </message>
    <message>
        <source>not sure: %1 or %2? (%3)</source>
        <translation>不确定：%1 还是 %2？（%3）</translation>
    </message>
    <message>
        <source>%1 (live, provisional)</source>
        <translation>%1（实时，临时）</translation>
    </message>
    <message>
        <source>%1: not sure, %1 or %2? %3</source>
        <translation>%1：不确定，%1 还是 %2？%3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Draw a digit, then press Enter</source>
        <translation>写一个数字，然后按 Enter</translation>
    </message>
    <message>
        <source>The drawing changed: press Enter to recognise it again</source>
        <translation>手写已改变：按 Enter 重新识别</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销%1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做%1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Undo %1 (%2)</source>
        <translation>撤销%1（%2）</translation>
    </message>
    <message>
        <source>Nothing to undo (%1)</source>
        <translation>没有可撤销的操作（%1）</translation>
    </message>
    <message>
        <source>DigitPad cannot open the image %1.</source>
        <translation>DigitPad 无法打开图像 %1。</translation>
    </message>
    <message>
        <source>DigitPad cannot keep the drawing in My digits.</source>
        <translation>DigitPad 无法把这幅手写保存到“我的数字”。</translation>
    </message>
    <message>
        <source>This pad is for digits, but the model recognises %1. Its answers to a drawing mean little.</source>
        <translation>此画板用于数字，但该模型识别的是 %1。它对手写图的回答意义不大。</translation>
    </message>
    <message>
        <source>doesn&apos;t look like a digit (maybe %1?)</source>
        <translation>看起来不像数字（也许是 %1？）</translation>
    </message>
    <message>
        <source>%1: doesn&apos;t look like a digit</source>
        <translation>%1：看起来不像数字</translation>
    </message>
    <message>
        <source>A model with test-time augmentation answers with the mean over slightly moved or turned copies of the 28×28 image.</source>
        <translation>使用测试时增强的模型，以 28×28 图像略微平移或旋转后的多个副本的平均结果作答。</translation>
    </message>
    <message>
        <source>mean of %1 copies</source>
        <translation>%1 个副本取平均</translation>
    </message>
</context>
<context>
    <name>RecognizeViewActions</name>
    <message>
        <source>&amp;Live recognition</source>
        <translation>实时识别(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;MNIST framing</source>
        <translation>MNIST 裁剪居中(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Resize whole canvas</source>
        <translation>缩放整个画布(&amp;R)</translation>
    </message>
    <message>
        <source>Thi&amp;nner pen</source>
        <translation>笔细一些(&amp;N)</translation>
    </message>
    <message>
        <source>Thic&amp;ker pen</source>
        <translation>笔粗一些(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Framing</source>
        <translation>裁剪方式(&amp;F)</translation>
    </message>
    <message>
        <source>Pen width: %1 px</source>
        <translation>笔宽：%1 像素</translation>
    </message>
</context>
<context>
    <name>RemoveDrawingsCommand</name>
    <message>
        <source>delete 1 drawing</source>
        <translation>删除 1 幅手写图</translation>
    </message>
    <message>
        <source>delete %1 drawings</source>
        <translation>删除 %1 幅手写图</translation>
    </message>
</context>
<context>
    <name>SessionErrorText</name>
    <message>
        <source>invalid training settings: %1</source>
        <translation>训练设置无效：%1</translation>
    </message>
</context>
<context>
    <name>SettingErrorText</name>
    <message>
        <source>the batch size must be at least 1</source>
        <translation>批大小至少为 1</translation>
    </message>
    <message>
        <source>there must be at least 1 epoch</source>
        <translation>轮数至少为 1</translation>
    </message>
    <message>
        <source>the learning rate must be a number above 0</source>
        <translation>学习率必须是大于 0 的数</translation>
    </message>
    <message>
        <source>the momentum must be at least 0 and below 1</source>
        <translation>动量必须不小于 0 且小于 1</translation>
    </message>
    <message>
        <source>the weight decay must not be negative</source>
        <translation>权重衰减不能为负数</translation>
    </message>
    <message>
        <source>the validation split must be at least 0 % and below 100 %</source>
        <translation>验证集比例必须不小于 0% 且小于 100%</translation>
    </message>
    <message>
        <source>the learning-rate step must not be negative</source>
        <translation>学习率衰减间隔不能为负数</translation>
    </message>
    <message>
        <source>the learning-rate factor must be above 0</source>
        <translation>学习率衰减系数必须大于 0</translation>
    </message>
    <message>
        <source>the number of shards must be 0 (automatic) or 1 to %1</source>
        <translation>分片数必须为 0（自动）或 1 到 %1</translation>
    </message>
    <message>
        <source>the number of threads must not be negative</source>
        <translation>线程数不能为负数</translation>
    </message>
    <message>
        <source>an augmentation setting is out of its range</source>
        <translation>有一项数据增强设置超出了允许范围</translation>
    </message>
    <message>
        <source>deskewing and stroke-width normalisation need single-channel square images</source>
        <translation>倾斜校正和笔画粗细调整需要单通道的正方形图像</translation>
    </message>
    <message>
        <source>hidden layer widths must be at least 1</source>
        <translation>隐藏层宽度至少为 1</translation>
    </message>
    <message>
        <source>the layers &apos;%1&apos; cannot be built</source>
        <translation>无法构建层“%1”</translation>
    </message>
    <message>
        <source>the layers &apos;%1&apos; must end in %2 outputs, one per digit</source>
        <translation>层“%1”最后必须有 %2 个输出，每个数字一个</translation>
    </message>
    <message>
        <source>the share of MNIST images must be at least 0 and below 1</source>
        <translation>MNIST 图像所占比例必须不小于 0 且小于 1</translation>
    </message>
    <message>
        <source>holding out every N-th drawing needs N = 0 (none) or at least 2</source>
        <translation>每 N 幅留出一幅时，N 必须为 0（不留出）或至少为 2</translation>
    </message>
    <message>
        <source>each drawing must be used at least once per epoch</source>
        <translation>每幅手写图每轮至少要用一次</translation>
    </message>
    <message>
        <source>label smoothing must be at least 0 and below 1, with the cross-entropy loss</source>
        <translation>标签平滑必须不小于 0 且小于 1，并且只能与交叉熵损失一起使用</translation>
    </message>
</context>
<context>
    <name>TeachDialog</name>
    <message>
        <source>Teach DigitPad your handwriting</source>
        <translation>让 DigitPad 学习你的笔迹</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>drawings</source>
        <translation>手写图</translation>
    </message>
    <message>
        <source>held out</source>
        <translation>留出</translation>
    </message>
    <message>
        <source>Your drawings</source>
        <translation>你的手写图</translation>
    </message>
    <message>
        <source>How many times the model goes through your drawings</source>
        <translation>模型把你的手写图学习多少遍</translation>
    </message>
    <message>
        <source>The share of MNIST digits mixed into the training, so the model does not forget other people&apos;s handwriting while it learns yours</source>
        <translation>训练中混入的 MNIST 数字比例，使模型在学习你的笔迹时不会忘记别人的笔迹</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>MNIST &amp;replay:</source>
        <translation>MNIST 回放(&amp;R)：</translation>
    </message>
    <message>
        <source>held-out drawings accuracy</source>
        <translation>留出手写图的准确率</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Your held-out drawings</source>
        <translation>你的留出手写图</translation>
    </message>
    <message>
        <source>MNIST test</source>
        <translation>MNIST 测试集</translation>
    </message>
    <message>
        <source>DigitPad&apos;s drawn digits</source>
        <translation>DigitPad 手写数字集</translation>
    </message>
    <message>
        <source>Accuracy before and after</source>
        <translation>前后准确率</translation>
    </message>
    <message>
        <source>&amp;Keep new model</source>
        <translation>保留新模型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Reading your drawings…</source>
        <translation>正在读取你的手写图…</translation>
    </message>
    <message>
        <source>Keep some drawings first: after an answer, press the digit&apos;s key.</source>
        <translation>请先保存一些手写图：得到答案后，按下该数字的键。</translation>
    </message>
    <message>
        <source>Press Start to teach the model your handwriting. The model in use stays as it is until you keep the new one.</source>
        <translation>按“开始”让模型学习你的笔迹。在你保留新模型之前，当前模型保持不变。</translation>
    </message>
    <message numerus="yes">
        <source>%n damaged file(s) left out: %1</source>
        <translation>
            <numerusform>已略过 %n 个损坏的文件：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>The drawings in %1 could not be read.</source>
        <translation>无法读取 %1 中的手写图。</translation>
    </message>
    <message>
        <source>You have not kept any drawings yet. DigitPad keeps them in %1.</source>
        <translation>你还没有保存任何手写图。DigitPad 把它们保存在 %1。</translation>
    </message>
    <message>
        <source>1 drawing</source>
        <translation>1 幅手写图</translation>
    </message>
    <message>
        <source>%1 drawings</source>
        <translation>%1 幅手写图</translation>
    </message>
    <message>
        <source>Only %1 so far, in %2: keep at least %3 before teaching.</source>
        <translation>%2 中目前只有 %1：开始学习前请至少保存 %3 幅。</translation>
    </message>
    <message>
        <source>%1 in %2. Every fifth drawing of each digit is held out: the model does not learn from it, it scores the model before and after.</source>
        <translation>%2 中有 %1。每个数字每五幅留出一幅：模型不从中学习，而是用它给学习前后的模型打分。</translation>
    </message>
    <message>
        <source>No held-out drawing yet of %1: keep %2 or more of a digit to score it.</source>
        <translation>数字 %1 还没有留出的手写图：每个数字保存 %2 幅或更多才能打分。</translation>
    </message>
    <message>
        <source>The model in use was trained just now and is not saved: Keep saves it too, as %1 next to the new one, so it is not lost.</source>
        <translation>当前模型是刚训练的，尚未保存：“保留”也会把它另存为新模型旁的 %1，以免丢失。</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <source>%1%2 points</source>
        <translation>%1%2 个百分点</translation>
    </message>
    <message>
        <source>DigitPad&apos;s drawn digits: not scored, the set is not at %1.</source>
        <translation>DigitPad 手写数字集：未打分，%1 处没有该数据集。</translation>
    </message>
    <message>
        <source>Preparing your drawings and scoring the model in use…</source>
        <translation>正在准备你的手写图并给当前模型打分…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Your held-out drawings: none yet, every fifth drawing of a digit is held out; keep %1 or more of a digit to score it.</source>
        <translation>你的留出手写图：暂无。每个数字每五幅留出一幅；每个数字保存 %1 幅或更多才能打分。</translation>
    </message>
    <message>
        <source>MNIST test: not scored and not replayed, %1%2</source>
        <translation>MNIST 测试集：未打分也未回放，%1%2</translation>
    </message>
    <message>
        <source>Teaching: %1 drawings × %2 copies and %3 MNIST images per epoch, %4 held out.</source>
        <translation>学习中：每轮 %1 幅手写图 × %2 份副本和 %3 张 MNIST 图像，留出 %4 幅。</translation>
    </message>
    <message>
        <source> Your held-out drawings: %1 before, %2 after.</source>
        <translation> 你的留出手写图：之前 %1，之后 %2。</translation>
    </message>
    <message>
        <source>Done in %1 s.%2 Keep the new model to use it, or discard it.</source>
        <translation>用时 %1 秒完成。%2 保留新模型即可使用，或将其丢弃。</translation>
    </message>
    <message>
        <source>Stopped: nothing was tuned, the model in use is unchanged.</source>
        <translation>已停止：没有进行任何微调，当前模型不变。</translation>
    </message>
    <message>
        <source>The run went wrong (%1): nothing was tuned, the model in use is unchanged. Try fewer epochs.</source>
        <translation>本次运行出错（%1）：没有进行任何微调，当前模型不变。请尝试减少轮数。</translation>
    </message>
    <message>
        <source>Cannot teach: %1. The model in use is unchanged.</source>
        <translation>无法学习：%1。当前模型不变。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 for the new model.</source>
        <translation>无法为新模型创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Discarded: the model in use is unchanged.</source>
        <translation>已丢弃：当前模型不变。</translation>
    </message>
    <message>
        <source>Teaching in progress</source>
        <translation>正在学习你的笔迹</translation>
    </message>
    <message>
        <source>Stop teaching and close? The model in use stays as it is.</source>
        <translation>要停止学习并关闭吗？当前模型保持不变。</translation>
    </message>
    <message>
        <source>Discard the new model?</source>
        <translation>丢弃新模型？</translation>
    </message>
    <message>
        <source>The new model is not kept. Close and discard it? The model in use stays as it is.</source>
        <translation>新模型尚未保留。要关闭并丢弃它吗？当前模型保持不变。</translation>
    </message>
    <message>
        <source>The model is an ensemble of %1 networks: each is taught in turn, so teaching takes %1 times as long.</source>
        <translation>该模型是 %1 个网络的集成：每个网络依次学习，所以学习需要 %1 倍的时间。</translation>
    </message>
    <message>
        <source>Cannot read your drawings in %1.</source>
        <translation>无法读取 %1 中你的手写图。</translation>
    </message>
    <message>
        <source> (scripts/fetch-mnist downloads MNIST into data/mnist)</source>
        <translation>（scripts/fetch-mnist 会把 MNIST 下载到 data/mnist）</translation>
    </message>
    <message>
        <source>Cannot save the model in use to %1.</source>
        <translation>无法将当前模型保存到 %1。</translation>
    </message>
    <message>
        <source>Cannot save the new model to %1.</source>
        <translation>无法将新模型保存到 %1。</translation>
    </message>
    <message>
        <source>Fine-tuning stopped because of an unexpected error. The model in use is unchanged.</source>
        <translation>微调因意外错误而停止。当前模型不变。</translation>
    </message>
</context>
<context>
    <name>TileSheet</name>
    <message>
        <source>1 map of %1×%2</source>
        <translation>1 张 %1×%2 的特征图</translation>
    </message>
    <message numerus="yes">
        <source>%n maps of %1×%2</source>
        <translation>
            <numerusform>%n 张 %1×%2 的特征图</numerusform>
        </translation>
    </message>
    <message>
        <source>1 unit</source>
        <translation>1 个单元</translation>
    </message>
    <message>
        <source>%1 units</source>
        <translation>%1 个单元</translation>
    </message>
    <message>
        <source>1 filter of %1×%2</source>
        <translation>1 个 %1×%2 的滤波器</translation>
    </message>
    <message numerus="yes">
        <source>%n filters of %1×%2</source>
        <translation>
            <numerusform>%n 个 %1×%2 的滤波器</numerusform>
        </translation>
    </message>
    <message>
        <source>, one tile per input channel</source>
        <translation>，每个输入通道一格</translation>
    </message>
</context>
<context>
    <name>TrainingInsights</name>
    <message>
        <source>no images</source>
        <translation>没有图像</translation>
    </message>
    <message>
        <source>%1&#xa0;% right (%2 of %3)</source>
        <translation>正确率 %1&#xa0;%（%3 张中 %2 张）</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Confusion</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>The validation set&apos;s confusion matrix appears after every epoch, the test set&apos;s when the run ends.</source>
        <translation>验证集的混淆矩阵在每轮结束后显示，测试集的在训练结束时显示。</translation>
    </message>
    <message>
        <source>Accuracy per class</source>
        <translation>各类别准确率</translation>
    </message>
    <message>
        <source>. Click a cell (or press Enter on it) to see its images.</source>
        <translation>。点击某个格子（或在其上按 Enter）可查看其中的图像。</translation>
    </message>
    <message>
        <source>This run holds out no validation images: the test set&apos;s confusion matrix appears when the run ends.</source>
        <translation>本次训练没有留出验证图像：测试集的混淆矩阵在训练结束时显示。</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Validation set after epoch %1: %2</source>
        <translation>第 %1 轮后的验证集：%2</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Test set, the run&apos;s model: %1</source>
        <translation>测试集，本次训练的模型：%1</translation>
    </message>
    <message>
        <source>Mistakes (%1)</source>
        <translation>错误（%1）</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>A folder with IDX files: train-images-idx3-ubyte, train-labels-idx1-ubyte and optionally the t10k pair (MNIST, Fashion-MNIST, ...)</source>
        <translation>包含 IDX 文件的文件夹：train-images-idx3-ubyte、train-labels-idx1-ubyte，以及可选的 t10k 文件对（MNIST、Fashion-MNIST 等）</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Network and training</source>
        <translation>网络与训练</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Use th&amp;is model</source>
        <translation>使用此模型(&amp;I)</translation>
    </message>
    <message>
        <source>Recognize drawings with the model this run trained</source>
        <translation>用本次训练出的模型识别手写</translation>
    </message>
    <message>
        <source>Save mo&amp;del…</source>
        <translation>保存模型(&amp;D)…</translation>
    </message>
    <message>
        <source>A run that got worse, was stopped or diverged keeps the weights of its last complete epoch and of its best one by validation accuracy</source>
        <translation>变差、被停止或发散的训练会保留最后一个完整轮次的权重，以及验证准确率最高的那一轮的权重</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>E&amp;xport curves as PNG…</source>
        <translation>将曲线导出为 PNG(&amp;X)…</translation>
    </message>
    <message>
        <source>Export metrics as CSV…</source>
        <translation>将指标导出为 CSV…</translation>
    </message>
    <message>
        <source>Training images of the data folder as the network will see them</source>
        <translation>数据文件夹中的训练图像，按网络将看到的样子显示</translation>
    </message>
    <message>
        <source>Shuffle</source>
        <translation>换一批</translation>
    </message>
    <message>
        <source>Other images, other distortions</source>
        <translation>换其他图像和其他变形</translation>
    </message>
    <message>
        <source>The Recognize tab now uses the model trained here (epoch %1).</source>
        <translation>“识别”页现在使用这里训练出的模型（第 %1 轮）。</translation>
    </message>
    <message>
        <source>Training stopped; the model in use is unchanged.</source>
        <translation>训练已停止；当前模型不变。</translation>
    </message>
    <message>
        <source>Choose an IDX data folder</source>
        <translation>选择 IDX 数据文件夹</translation>
    </message>
    <message>
        <source>deskewed</source>
        <translation>已倾斜校正</translation>
    </message>
    <message>
        <source>stroke width normalised</source>
        <translation>已统一笔画粗细</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Augmented training images (strength %1%2)</source>
        <translation>增强后的训练图像（强度 %1%2）</translation>
    </message>
    <message>
        <source>Every epoch distorts each training image afresh.</source>
        <translation>每一轮都会重新对每张训练图像做变形。</translation>
    </message>
    <message>
        <source>Training images (augmentation off%1)</source>
        <translation>训练图像（增强关闭%1）</translation>
    </message>
    <message>
        <source>Tick Augment to see the distortions training would apply.</source>
        <translation>勾选“增强”可查看训练将施加的变形。</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation>正在加载数据…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Resuming after epoch %1 of %2; loading %3…</source>
        <translation>从第 %1 轮（共 %2 轮）之后继续；正在加载 %3…</translation>
    </message>
    <message>
        <source>Training on %1.</source>
        <translation>正在用 %1 训练。</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · %3/%4</source>
        <translation>第 %1/%2 轮 · %3/%4</translation>
    </message>
    <message>
        <source> · %1 left</source>
        <translation> · 剩余 %1</translation>
    </message>
    <message>
        <source>Epoch %1: loss %2, training accuracy %3</source>
        <translation>第 %1 轮：损失 %2，训练准确率 %3</translation>
    </message>
    <message>
        <source>, validation %1</source>
        <translation>，验证 %1</translation>
    </message>
    <message>
        <source>, test %1</source>
        <translation>，测试 %1</translation>
    </message>
    <message>
        <source>Training: epoch %1/%2, %3 %4</source>
        <translation>训练中：第 %1/%2 轮，%3 %4</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Last epoch (%1)%2%3</source>
        <translation>最后一轮（%1）%2%3</translation>
    </message>
    <message>
        <source>, the best</source>
        <translation>，最佳</translation>
    </message>
    <message>
        <source>Best epoch (%1)%2</source>
        <translation>最佳轮次（%1）%2</translation>
    </message>
    <message>
        <source> Epoch %1 had the best validation accuracy; choose it under Weights.</source>
        <translation> 第 %1 轮的验证准确率最高；可在“权重”中选择它。</translation>
    </message>
    <message>
        <source>Done in %1</source>
        <translation>用时 %1 完成</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>正在继续…</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <source>DigitPad models (*.dpm)</source>
        <translation>DigitPad 模型 (*.dpm)</translation>
    </message>
    <message>
        <source>Saved the model to %1</source>
        <translation>模型已保存到 %1</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Saved the curves to %1</source>
        <translation>曲线已保存到 %1</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Saved the metrics to %1</source>
        <translation>指标已保存到 %1</translation>
    </message>
    <message>
        <source>How to download MNIST…</source>
        <translation>如何下载 MNIST…</translation>
    </message>
    <message>
        <source>No training data in this folder. Choose a folder with MNIST&apos;s files, or download MNIST into this one.</source>
        <translation>此文件夹中没有训练数据。请选择包含 MNIST 文件的文件夹，或把 MNIST 下载到这里。</translation>
    </message>
    <message>
        <source>Download MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <source>DigitPad&apos;s sources come with a script that downloads MNIST (about 12 MB) into this folder. Run it in a terminal, then press Start. Show Details has the command.</source>
        <translation>DigitPad 的源代码附带一个脚本，可把 MNIST（约 12 MB）下载到此文件夹。请在终端中运行它，然后按“开始”。命令见“显示详情”。</translation>
    </message>
    <message>
        <source>DigitPad cannot save the model to %1.</source>
        <translation>DigitPad 无法将模型保存到 %1。</translation>
    </message>
    <message>
        <source>DigitPad cannot save the curves to %1.</source>
        <translation>DigitPad 无法将曲线保存到 %1。</translation>
    </message>
    <message>
        <source>DigitPad cannot save the metrics to %1.</source>
        <translation>DigitPad 无法将指标保存到 %1。</translation>
    </message>
    <message>
        <source>Train on a data set found on this computer</source>
        <translation>用本机上找到的数据集训练</translation>
    </message>
    <message>
        <source>Training stopped because of an unexpected error.</source>
        <translation>训练因意外错误而停止。</translation>
    </message>
</context>
<context>
    <name>TrainingSettingsForm</name>
    <message>
        <source>e.g. 128,64</source>
        <translation>例如 128,64</translation>
    </message>
    <message>
        <source>Hidden layer widths separated by commas (empty: no hidden layer), or a full layer string such as dense100,sigmoid,dense10,sigmoid</source>
        <translation>用逗号分隔的隐藏层宽度（留空：无隐藏层），或完整的层描述，例如 dense100,sigmoid,dense10,sigmoid</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Share of the training images held out to measure validation loss and accuracy</source>
        <translation>留出用于测量验证损失和准确率的训练图像比例</translation>
    </message>
    <message>
        <source>Au&amp;gment</source>
        <translation>增强(&amp;G)</translation>
    </message>
    <message>
        <source>Distort each training image afresh every epoch: rotation, scaling, slant, shift, elastic warping and thicker or thinner strokes. Validation and test images stay as they are.</source>
        <translation>每一轮都重新对每张训练图像做变形：旋转、缩放、倾斜、平移、弹性扭曲以及加粗或变细笔画。验证图像和测试图像保持原样。</translation>
    </message>
    <message>
        <source>strength </source>
        <translation>强度 </translation>
    </message>
    <message>
        <source>Des&amp;kew</source>
        <translation>倾斜校正(&amp;K)</translation>
    </message>
    <message>
        <source>Straighten slanted writing by image moments, on every training and test image and, in the saved model, on every drawing it reads</source>
        <translation>用图像矩把倾斜的字扶正，作用于每张训练和测试图像，并在保存的模型中作用于它读取的每一幅手写</translation>
    </message>
    <message>
        <source>Stroke &amp;width</source>
        <translation>笔画粗细(&amp;W)</translation>
    </message>
    <message>
        <source>Thin or thicken the ink toward MNIST&apos;s typical stroke width, on every training and test image and, in the saved model, on every drawing it reads</source>
        <translation>把笔迹调细或调粗，接近 MNIST 的典型笔画粗细，作用于每张训练和测试图像，并在保存的模型中作用于它读取的每一幅手写</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>Hidden la&amp;yers:</source>
        <translation>隐藏层(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Activation:</source>
        <translation>激活函数(&amp;A)：</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失函数：</translation>
    </message>
    <message>
        <source>Optimiser:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <source>Lear&amp;ning rate:</source>
        <translation>学习率(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <source>Epo&amp;chs:</source>
        <translation>轮数(&amp;C)：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <source>Augmentation:</source>
        <translation>数据增强：</translation>
    </message>
    <message>
        <source>Framing steps:</source>
        <translation>预处理步骤：</translation>
    </message>
    <message>
        <source>How strongly each image is distorted (0–3; digitpad-cli train --augment-strength). At %1: %2</source>
        <translation>每张图像的变形强度（0–3；digitpad-cli train --augment-strength）。在 %1 时：%2</translation>
    </message>
    <message>
        <source>hidden layers must be positive widths separated by commas, e.g. 128,64 (got &apos;%1&apos;)</source>
        <translation>隐藏层必须是用逗号分隔的正整数宽度，例如 128,64（得到的是“%1”）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the layers one by one</source>
        <translation>逐层编辑网络结构</translation>
    </message>
    <message>
        <source>the settings are not valid</source>
        <translation>设置无效</translation>
    </message>
</context>
<context>
    <name>TrainingTypes</name>
    <message>
        <source>Training stopped before the first epoch ended: nothing to keep, the model in use is unchanged.</source>
        <translation>训练在第一轮结束前停止：没有可保留的结果，当前模型不变。</translation>
    </message>
    <message>
        <source>Training stopped after %1 complete epoch(s). The model in use is unchanged; the weights the run reached are kept below.</source>
        <translation>训练在完成 %1 轮后停止。当前模型不变；本次训练得到的权重保留在下方。</translation>
    </message>
    <message>
        <source>Training diverged: %1. %2</source>
        <translation>训练发散：%1。%2</translation>
    </message>
    <message>
        <source>Nothing to keep, the model in use is unchanged.</source>
        <translation>没有可保留的结果，当前模型不变。</translation>
    </message>
    <message>
        <source>The weights of the completed epochs are kept below.</source>
        <translation>已完成轮次的权重保留在下方。</translation>
    </message>
    <message>
        <source>Training finished without a complete epoch.</source>
        <translation>训练结束，但没有完成任何一轮。</translation>
    </message>
    <message>
        <source>train accuracy %1</source>
        <translation>训练准确率 %1</translation>
    </message>
    <message>
        <source>validation %1</source>
        <translation>验证 %1</translation>
    </message>
    <message>
        <source>test %1</source>
        <translation>测试 %1</translation>
    </message>
    <message>
        <source>%1 s training</source>
        <translation>训练 %1 秒</translation>
    </message>
    <message>
        <source>Completed %1 epoch(s): %2.</source>
        <translation>完成 %1 轮：%2。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of a list</comment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>%1 training, %2 validation, %3 test images from &apos;%4&apos;</source>
        <translation>来自“%4”：%1 张训练图像、%2 张验证图像、%3 张测试图像</translation>
    </message>
</context>
</TS>
